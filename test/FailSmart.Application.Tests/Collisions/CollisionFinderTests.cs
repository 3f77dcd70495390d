using FailSmart.Application.Collisions;
using FailSmart.Storage.Config;
using CoreConfiguration = FailSmart.Core.Model.Configuration;

namespace FailSmart.Application.Tests.Collisions;

public sealed class CollisionFinderTests
{
    private static StoredResource Resource(ResourceKind kind, string key, string document) => new(kind, key, 1, document, [], false, default);

    private static StoredResource Flag(string key, string rule, bool enabled = true) => Resource(ResourceKind.Flag, key, $$$"""
        {"key":"{{{key}}}","type":"boolean","variations":[{"key":"off","value":false},{"key":"on","value":true}],
         "environments":{"production":{"enabled":{{{(enabled ? "true" : "false")}}},"offVariation":"off","defaultVariation":"off","rules":[{{{rule}}}]}} }
        """);

    private static StoredResource Experiment(string key, string extra = "") => Resource(ResourceKind.Experiment, key, $$"""
        {"key":"{{key}}","variations":[{"key":"off","weight":0.5},{"key":"on","weight":0.5}],"status":"running"{{extra}}}
        """);

    private static StoredResource Layer(string key) => Resource(ResourceKind.Layer, key, $$"""{"key":"{{key}}","salt":"{{key}}-salt"}""");

    private static IReadOnlyList<Collision> Find(params StoredResource[] resources)
    {
        CoreConfiguration? configuration = ConfigurationOf.Build(resources);
        configuration.ShouldNotBeNull();
        return CollisionFinder.Find(configuration, "production");
    }

    private static string Pairs(IReadOnlyList<Collision> collisions) =>
        string.Join(", ", collisions.Select(c => $"{c.Trial}~{c.Other}").Order(StringComparer.Ordinal));

    [Fact]
    public void Two_running_experiments_on_everyone_by_the_same_attribute_collide_both_ways_and_say_how_to_separate()
    {
        IReadOnlyList<Collision> found = Find(
            Flag("a", """{"id":"r","experiment":{"key":"exp-a"}}"""),
            Flag("b", """{"id":"r","experiment":{"key":"exp-b"}}"""),
            Experiment("exp-a"),
            Experiment("exp-b"));

        Pairs(found).ShouldBe("exp-a~exp-b, exp-b~exp-a");
        Collision first = found.Single(c => c.Trial == "exp-a");
        first.OtherKind.ShouldBe("experiment");
        first.Attribute.ShouldBe("id");
        first.Why.ShouldBe("Experiment 'exp-a' and experiment 'exp-b' both assign by 'id', their audiences can overlap, and no layer keeps them apart.");
        first.Separate.ShouldStartWith("Put both in one layer with separate buckets");
    }

    [Fact]
    public void Separate_buckets_of_one_layer_keep_experiments_apart_and_overlapping_buckets_or_different_layers_do_not()
    {
        StoredResource[] common = [Flag("a", """{"id":"r","experiment":{"key":"exp-a"}}"""), Flag("b", """{"id":"r","experiment":{"key":"exp-b"}}"""), Layer("l1"), Layer("l2")];

        Find([.. common, Experiment("exp-a", ""","layer":{"key":"l1","buckets":[0,5000]}"""), Experiment("exp-b", ""","layer":{"key":"l1","buckets":[5000,10000]}""")])
            .ShouldBeEmpty();
        Pairs(Find([.. common, Experiment("exp-a", ""","layer":{"key":"l1","buckets":[0,5000]}"""), Experiment("exp-b", ""","layer":{"key":"l2","buckets":[0,5000]}""")]))
            .ShouldBe("exp-a~exp-b, exp-b~exp-a");
        Pairs(Find([.. common, Experiment("exp-a", ""","layer":{"key":"l1","buckets":[0,5000]}"""), Experiment("exp-b")]))
            .ShouldBe("exp-a~exp-b, exp-b~exp-a");
    }

    [Theory]
    [InlineData("""{"country":"SE"}""", """{"country":"US"}""", false)]                                   // one string cannot be two
    [InlineData("""{"country":{"$eq":"SE"}}""", """{"country":{"$ne":"SE"}}""", false)]
    [InlineData("""{"country":{"$eq":"SE"}}""", """{"country":{"$nin":["SE","NO"]}}""", false)]
    [InlineData("""{"age":{"$lt":18}}""", """{"age":{"$gte":18}}""", false)]
    [InlineData("""{"age":16}""", """{"age":{"$gte":18}}""", false)]
    [InlineData("""{"$and":[{"plan":"pro"}]}""", """{"plan":"free"}""", false)]
    [InlineData("""{"country":{"$in":["SE"]}}""", """{"country":{"$in":["US"]}}""", true)]            // a list attribute can hold both
    [InlineData("""{"n":"5"}""", """{"n":5}""", true)]                                                  // shorthand equality coerces
    [InlineData("""{"country":"SE"}""", """{"country":{"$ne":"SE"}}""", true)]                          // ["SE"] coerces to "SE" but is not "SE"
    [InlineData("""{"$or":[{"country":"SE"}]}""", """{"country":"US"}""", true)]                        // $or is not decided
    [InlineData("""{"country":"SE"}""", """{"plan":"pro"}""", true)]
    [InlineData("""{"age":{"$lte":18}}""", """{"age":{"$gte":18}}""", true)]                            // 18 is in both
    public void Audiences_are_separated_only_where_the_conditions_decide_it(string conditionA, string conditionB, bool collide)
    {
        IReadOnlyList<Collision> found = Find(
            Flag("a", $$$"""{"id":"r","condition":{{{conditionA}}},"experiment":{"key":"exp-a"}}"""),
            Flag("b", $$$"""{"id":"r","condition":{{{conditionB}}},"experiment":{"key":"exp-b"}}"""),
            Experiment("exp-a"),
            Experiment("exp-b"));

        (found.Count > 0).ShouldBe(collide);
    }

    [Fact]
    public void Id_list_segments_with_no_id_in_common_separate_and_a_shared_id_does_not()
    {
        StoredResource[] flags =
        [
            Flag("a", """{"id":"r","segments":["first"],"experiment":{"key":"exp-a"}}"""),
            Flag("b", """{"id":"r","segments":["second"],"experiment":{"key":"exp-b"}}"""),
            Experiment("exp-a"),
            Experiment("exp-b"),
        ];

        Find([.. flags, Resource(ResourceKind.Segment, "first", """{"key":"first","attribute":"id","ids":["u1","u2"]}"""), Resource(ResourceKind.Segment, "second", """{"key":"second","attribute":"id","ids":["u3"]}""")])
            .ShouldBeEmpty();
        Find([.. flags, Resource(ResourceKind.Segment, "first", """{"key":"first","attribute":"id","ids":["u1","u2"]}"""), Resource(ResourceKind.Segment, "second", """{"key":"second","attribute":"id","ids":["u2"]}""")])
            .Count.ShouldBe(2);
    }

    [Fact]
    public void Different_unit_attributes_draft_experiments_and_flags_that_are_off_do_not_collide()
    {
        Find(
            Flag("a", """{"id":"r","experiment":{"key":"exp-a"}}"""),
            Flag("b", """{"id":"r","experiment":{"key":"exp-b"}}"""),
            Experiment("exp-a"),
            Experiment("exp-b", ",\"hashAttribute\":\"company\"")).ShouldBeEmpty();
        Find(
            Flag("a", """{"id":"r","experiment":{"key":"exp-a"}}"""),
            Flag("b", """{"id":"r","experiment":{"key":"exp-b"}}"""),
            Experiment("exp-a"),
            Resource(ResourceKind.Experiment, "exp-b", """{"key":"exp-b","variations":[{"key":"off","weight":0.5},{"key":"on","weight":0.5}],"status":"draft"}""")).ShouldBeEmpty();
        Find(
            Flag("a", """{"id":"r","experiment":{"key":"exp-a"}}"""),
            Flag("b", """{"id":"r","experiment":{"key":"exp-b"}}""", enabled: false),
            Experiment("exp-a"),
            Experiment("exp-b")).ShouldBeEmpty();
    }

    [Fact]
    public void A_holdout_that_does_not_cover_a_trial_collides_with_it_and_one_that_covers_it_does_not()
    {
        StoredResource[] trial = [Flag("a", """{"id":"r","experiment":{"key":"exp-a"}}"""), Experiment("exp-a"), Flag("other", """{"id":"r","force":{"variation":"on"}}""")];

        IReadOnlyList<Collision> partial = Find([.. trial, Resource(ResourceKind.Holdout, "h", """{"key":"h","salt":"s","buckets":[0,100],"scope":{"flags":["other"]}}""")]);
        partial.Count.ShouldBe(1);
        partial[0].OtherKind.ShouldBe("holdout");
        partial[0].Why.ShouldBe("Holdout 'h' holds back 1% of units by 'id' from other features, and those units can enter experiment 'exp-a'.");
        partial[0].Separate.ShouldBe("Add experiment 'exp-a' to the holdout's scope, so its held-back units stay out.");

        Find([.. trial, Resource(ResourceKind.Holdout, "h", """{"key":"h","salt":"s","buckets":[0,100],"scope":{"all":true}}""")]).ShouldBeEmpty();
        Find([.. trial, Resource(ResourceKind.Holdout, "h", """{"key":"h","salt":"s","buckets":[0,100],"scope":{"experiments":["exp-a"]}}""")]).ShouldBeEmpty();
        Find([.. trial, Resource(ResourceKind.Holdout, "h", """{"key":"h","salt":"s","buckets":[0,100],"scope":{"flags":["a"]}}""")]).ShouldBeEmpty(); // held back before the rule
    }

    [Fact]
    public void A_guarded_rollout_collides_with_a_running_experiment_from_the_moment_its_plan_is_written_but_not_with_another_rollout()
    {
        const string Guarded = """{"id":"r","rollout":{"variation":"on","percentage":0,"plan":{"stages":[{"percentage":1},{"percentage":100}]}}}""";

        IReadOnlyList<Collision> found = Find(Flag("a", """{"id":"r","experiment":{"key":"exp-a"}}"""), Experiment("exp-a"), Flag("b", Guarded));
        Pairs(found).ShouldBe("exp-a~rollout:b:r, rollout:b:r~exp-a");
        found.Single(c => c.Trial == "exp-a").Why.ShouldBe(
            "Experiment 'exp-a' and the guarded rollout of flag 'b' (rule 'r') both assign by 'id', their audiences can overlap, and no layer keeps them apart.");

        Find(Flag("b", Guarded), Flag("c", Guarded)).ShouldBeEmpty();
    }

    [Fact]
    public void Begun_names_only_the_collisions_a_change_starts_each_pair_once()
    {
        StoredResource[] before = [Flag("a", """{"id":"r","experiment":{"key":"exp-a"}}"""), Experiment("exp-a"), Experiment("exp-b")];
        StoredResource[] after = [.. before, Flag("b", """{"id":"r","experiment":{"key":"exp-b"}}""")];

        IReadOnlyList<Collision> begun = CollisionFinder.Begun(ConfigurationOf.Build(before)!, ConfigurationOf.Build(after)!, ["production", "staging"]);

        Pairs(begun).ShouldBe("exp-a~exp-b");
        CollisionFinder.Begun(ConfigurationOf.Build(after)!, ConfigurationOf.Build(after)!, ["production"]).ShouldBeEmpty();
    }

    [Fact]
    public void A_factorial_launch_reaches_the_units_of_every_flag_it_switches_and_never_collides_with_itself()
    {
        StoredResource launch = Resource(ResourceKind.Experiment, "spring", """
            {"key":"spring","status":"running","factorial":{"features":[{"flag":"search"},{"flag":"badges"}]}}
            """);
        // The launch reaches Canada only through 'badges'; the other experiment runs only in Canada.
        IReadOnlyList<Collision> found = Find(
            Flag("search", """{"id":"launch","condition":{"country":"US"},"experiment":{"key":"spring"}}"""),
            Flag("badges", """{"id":"launch","experiment":{"key":"spring"}}"""),
            Flag("other", """{"id":"r","condition":{"country":"CA"},"experiment":{"key":"exp-ca"}}"""),
            launch,
            Experiment("exp-ca"));

        Pairs(found).ShouldBe("exp-ca~spring, spring~exp-ca");
        found.Single(c => c.Trial == "spring").Why.ShouldStartWith("Factorial launch 'spring' and experiment 'exp-ca' both assign by 'id'");
    }
}
