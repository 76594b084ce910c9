import ExtractCore

extension ValueParserRegistry {
    /// Every value parser `extract` ships with: the single registration list.
    public static let builtIn = ValueParserRegistry([
        StringParser.self, IntegerParser.self, DecimalParser.self, MoneyParser.self, PercentParser.self,
        PercentRangeParser.self, PercentLabelParser.self, DurationParser.self, SlugParser.self, AbbreviationsParser.self,
        StripAbbreviationsParser.self,
    ])
}
