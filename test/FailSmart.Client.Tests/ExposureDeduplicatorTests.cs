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

    [Fact]
    public void TryAdd_for_similar_ids_below_capacity_is_true_once_each_however_they_interleave()
    {
        // Ids that differ in a digit or two must not share a place and push each other out.
        var exposures = new ExposureDeduplicator(65_536);
        int sent = 0;
        for (int round = 0; round < 3; round++)
        {
            for (int unit = 0; unit < 10_000; unit++)
            {
                sent += exposures.TryAdd("u-" + unit, "checkout-button", 1) ? 1 : 0;
            }
        }

        sent.ShouldBe(10_000);
    }

    [Fact]
    public void TryAdd_for_two_busy_units_is_true_twice_in_2000_evaluations()
    {
        // u-0 and u-5298 shared a place in the fingerprint array of 65,536 that this set replaced.
        var exposures = new ExposureDeduplicator(65_536);
        int sent = 0;
        for (int i = 0; i < 1_000; i++)
        {
            sent += exposures.TryAdd("u-0", "checkout-button", 1) ? 1 : 0;
            sent += exposures.TryAdd("u-5298", "checkout-button", 1) ? 1 : 0;
        }

        sent.ShouldBe(2);
    }

    [Fact]
    public void TryAdd_at_capacity_forgets_the_least_recently_seen()
    {
        var exposures = new ExposureDeduplicator(3);
        exposures.TryAdd("a", "e", 1).ShouldBeTrue();
        exposures.TryAdd("b", "e", 1).ShouldBeTrue();
        exposures.TryAdd("c", "e", 1).ShouldBeTrue();
        exposures.TryAdd("a", "e", 1).ShouldBeFalse(); // seen again: now b is the least recent

        exposures.TryAdd("d", "e", 1).ShouldBeTrue(); // evicts b

        exposures.Count.ShouldBe(3);
        exposures.TryAdd("a", "e", 1).ShouldBeFalse();
        exposures.TryAdd("c", "e", 1).ShouldBeFalse();
        exposures.TryAdd("d", "e", 1).ShouldBeFalse();
        exposures.TryAdd("b", "e", 1).ShouldBeTrue();
    }

    [Fact]
    public async Task TryAdd_from_many_threads_is_true_once_per_exposure()
    {
        var exposures = new ExposureDeduplicator(4_096);
        int sent = 0;
        await Task.WhenAll(Enumerable.Range(0, 8).Select(t => Task.Run(() =>
        {
            for (int round = 0; round < 20; round++)
            {
                for (int unit = 0; unit < 1_000; unit++)
                {
                    if (exposures.TryAdd("u-" + ((unit + (t * 131)) % 1_000), "exp", 1))
                    {
                        Interlocked.Increment(ref sent);
                    }
                }
            }
        }, TestContext.Current.CancellationToken)));

        sent.ShouldBe(1_000);
    }

    [Property]
    public bool TryAdd_again_right_after_is_always_false(NonEmptyString unit, NonEmptyString experiment, PositiveInt phase)
    {
        var exposures = new ExposureDeduplicator(64);
        bool first = exposures.TryAdd(unit.Get, experiment.Get, phase.Get);
        bool second = exposures.TryAdd(unit.Get, experiment.Get, phase.Get);
        return first && !second;
    }

    [Property(MaxTest = 300)]
    public bool TryAdd_below_capacity_is_true_exactly_at_each_exposures_first_sighting(int[] picks)
    {
        // 8 units × 3 experiments × 2 phases = 48 exposures, in any order, each repeated any number of times.
        var exposures = new ExposureDeduplicator(48);
        var seen = new HashSet<(string, string, int)>();
        foreach (int pick in picks)
        {
            (string unit, string experiment, int phase) = Exposure(pick);
            if (exposures.TryAdd(unit, experiment, phase) != seen.Add((unit, experiment, phase)))
            {
                return false;
            }
        }

        return exposures.Count == seen.Count;
    }

    [Property(MaxTest = 300)]
    public bool TryAdd_at_capacity_evicts_the_least_recently_seen(int[] picks, PositiveInt capacity)
    {
        // Against a plain list kept in order of last sighting: both must answer every call the same.
        int size = 1 + (capacity.Get % 12);
        var exposures = new ExposureDeduplicator(size);
        var model = new List<(string, string, int)>();
        foreach (int pick in picks)
        {
            (string, string, int) exposure = Exposure(pick);
            bool known = model.Remove(exposure);
            if (!known && model.Count == size)
            {
                model.RemoveAt(0);
            }

            model.Add(exposure);
            if (exposures.TryAdd(exposure.Item1, exposure.Item2, exposure.Item3) == known)
            {
                return false;
            }
        }

        return exposures.Count == model.Count;
    }

    private static (string Unit, string Experiment, int Phase) Exposure(int pick)
    {
        int n = (int)((uint)pick % 48);
        return ("u-" + (n % 8), "exp-" + (n / 8 % 3), 1 + (n / 24));
    }
}
