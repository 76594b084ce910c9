extension Diagnostic {
    /// The code followed by the field it concerns in parentheses, `fields.not_found(salary)`, or
    /// the code alone when it concerns no field (`segment.missing_section`): how a table format
    /// (CSV) names a diagnostic in its one `diagnostics` cell, where the messages do not fit.
    public var codeWithField: String {
        guard let field else { return code }
        return code + "(" + field + ")"
    }
}
