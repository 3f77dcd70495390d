namespace FailSmart.Protocol.Importing;

/// <summary>What an importer found about one feature while reading it: the worst status so far, and why.</summary>
internal sealed class ImportNotes
{
    private readonly List<string> _notes = [];

    public ImportStatus Status { get; private set; } = ImportStatus.Exact;

    public IReadOnlyList<string> Notes => _notes;

    public void Changed(string note) => Add(ImportStatus.Changed, note);

    public void NotExpressed(string note) => Add(ImportStatus.NotExpressed, note);

    public void Refused(string note) => Add(ImportStatus.Refused, note);

    private void Add(ImportStatus status, string note)
    {
        _notes.Add(note);
        if (status > Status)
        {
            Status = status;
        }
    }
}
