using System.Globalization;
using Relaybox.Appliance.Configuration.Values;

namespace Relaybox.Appliance.Tests.Configuration;

/// <summary>The shared list loop: bound first, entries in order, the first problem ends the parse, repeats as asked.</summary>
public class ListValueParserTests
{
    private readonly List<string> _parsed = [];

    private bool ParseNumber(string entry, out int value, out string? problem)
    {
        _parsed.Add(entry);
        problem = int.TryParse(entry, NumberStyles.None, CultureInfo.InvariantCulture, out value) ? null : $"\"{entry}\" is not a number";
        return problem is null;
    }

    [Fact]
    public void AListOverItsBoundIsRefusedBeforeAnyEntryIsParsed()
    {
        Assert.False(ListValueParser.TryParseEach<int>("1 2 3", 2, count => $"has {count} numbers", RepeatedEntries.Refused, ParseNumber, out IReadOnlyList<int> values, out string? problem));
        Assert.Equal("has 3 numbers", problem);
        Assert.Empty(values);
        Assert.Empty(_parsed);
    }

    [Fact]
    public void TheFirstFaultyEntryEndsTheParseWithItsOwnMessage()
    {
        Assert.False(ListValueParser.TryParseEach<int>("1,x y", 5, count => "too many", RepeatedEntries.Refused, ParseNumber, out IReadOnlyList<int> values, out string? problem));
        Assert.Equal("\"x\" is not a number", problem);
        Assert.Empty(values);
        Assert.Equal(["1", "x"], _parsed);
    }

    [Fact]
    public void ARefusedRepeatIsNamedAsWritten()
    {
        Assert.False(ListValueParser.TryParseEach<int>("7 07", 5, count => "too many", RepeatedEntries.Refused, ParseNumber, out _, out string? problem));
        Assert.Equal("\"07\" is listed twice", problem);
    }

    [Fact]
    public void KeptRepeatsStayInTheWrittenOrder()
    {
        Assert.True(ListValueParser.TryParseEach<int>("7, 3 07", 5, count => "too many", RepeatedEntries.Kept, ParseNumber, out IReadOnlyList<int> values, out string? problem));
        Assert.Null(problem);
        Assert.Equal([7, 3, 7], values);
    }

    [Fact]
    public void AnEmptyTextIsAnEmptyList()
    {
        Assert.True(ListValueParser.TryParseEachOnce<int>(" ,\t", ParseNumber, out IReadOnlyList<int> values, out string? problem));
        Assert.Null(problem);
        Assert.Empty(values);
    }

    [Fact]
    public void EachOnceRefusesRepeatsWithoutABound()
    {
        string text = string.Join(' ', Enumerable.Range(0, 1000)) + " 999";
        Assert.False(ListValueParser.TryParseEachOnce<int>(text, ParseNumber, out _, out string? problem));
        Assert.Equal("\"999\" is listed twice", problem);
        Assert.Equal(1001, _parsed.Count);
    }
}
