namespace FailSmart.Cli.ConfigAsCode;

/// <summary>One resource by its section and key, written as the plan writes it: flags/new-checkout.</summary>
internal readonly record struct ResourceRef(string Section, string Key) : IComparable<ResourceRef>
{
    public override string ToString() => Section + "/" + Key;

    public int CompareTo(ResourceRef other)
    {
        int byRank = ConfigSections.Rank(Section).CompareTo(ConfigSections.Rank(other.Section));
        return byRank != 0 ? byRank : string.CompareOrdinal(Key, other.Key);
    }
}
