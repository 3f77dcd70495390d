namespace FailSmart.Protocol.Importing;

/// <summary>One feature of the source and what became of it: the flags that serve it and why it is not <see cref="ImportStatus.Exact"/>.</summary>
public sealed record ImportedFeature(string Name, ImportStatus Status, IReadOnlyList<string> Flags, IReadOnlyList<string> Notes);
