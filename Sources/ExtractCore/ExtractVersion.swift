/// The version of `extract`, the library and the command line alike: what `extract --version`
/// prints and the manual page names. Defined here only.
public enum ExtractVersion {
    public static let string = "0.1.0"
}
