using FailSmart.Client.Events;
using FsCheck;
using FsCheck.Xunit;

namespace FailSmart.Client.Tests;

public sealed class ExposureDeduplicatorTests
{
    [Fact]
    public void TryAdd_is_true_once_per_unit_experiment_and_phase()
    {
        var exposures = new ExposureDeduplicator(1024);

        exposures.TryAdd("u1", "exp", 1).ShouldBeTrue();
        exposures.TryAdd("u1", "exp", 1).ShouldBeFalse();
        exposures.TryAdd("u1", "exp", 2).ShouldBeTrue();
        exposures.TryAdd("u2", "exp", 1).ShouldBeTrue();
        exposures.TryAdd("u1", "other", 1).ShouldBeTrue();
    }

    [Fact]
    public void TryAdd_separates_unit_and_experiment()
    {
        var exposures = new ExposureDeduplicator(1024);

        exposures.TryAdd("ab", "c", 1).ShouldBeTrue();
        exposures.TryAdd("a", "bc", 1).ShouldBeTrue();
    }

    [Property]
    public bool TryAdd_again_right_after_is_always_false(NonEmptyString unit, NonEmptyString experiment, PositiveInt phase)
    {
        var exposures = new ExposureDeduplicator(64);
        bool first = exposures.TryAdd(unit.Get, experiment.Get, phase.Get);
        bool second = exposures.TryAdd(unit.Get, experiment.Get, phase.Get);
        return first && !second;
    }
}
