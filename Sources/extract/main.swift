import ExtractCLI

ExtractCLI.main()
