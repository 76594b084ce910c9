/// What `--format csv` needs to be told that CSV cannot say for itself: whether the reader is a
/// spreadsheet, which may run a cell as a formula, and how to name the columns an object field is
/// flattened into.
public struct CSVOptions: Sendable, Equatable {
    /// Write `'` before a text cell that starts with `=`, `+`, `-`, `@`, tab or CR, so that a
    /// spreadsheet shows the text instead of running it (on by default). Programs that read CSV as
    /// data (pandas, DuckDB) keep the `'` as part of the value, so a pipeline into them turns it off.
    public var formulaGuard: Bool
    /// What joins an object field's name to each of its keys in a column name: `.` gives
    /// `salary.min`, `_` gives `salary_min` (a name SQL need not quote).
    public var flattenSeparator: String

    public init(formulaGuard: Bool = true, flattenSeparator: String = ".") {
        self.formulaGuard = formulaGuard
        self.flattenSeparator = flattenSeparator
    }
}
