import CustomPlugin
import ExtractCLI

ExtractCLI.main(runtime: .custom)
