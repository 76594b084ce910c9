import Foundation
import Testing
@testable import ExtractCore

/// Listing one directory: entries in order, and what cannot be read said, not skipped.
@Suite struct DirectoryListingTests {
    @Test func aDirectoryThatCannotBeReadHasNoEntriesAndSaysWhy() {
        var listing = DirectoryListing("/nonexistent/directory")
        #expect(listing.next() == nil)
        #expect(listing.failure == ENOENT)
    }

    @Test func entriesComeSortedWithBrokenLinksAsUnreadable() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("listing-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: false)
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data("b".utf8).write(to: directory.appendingPathComponent("b.txt"))
        try Data(".".utf8).write(to: directory.appendingPathComponent(".hidden.txt"))
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("c"), withIntermediateDirectories: false)
        try FileManager.default.createSymbolicLink(atPath: directory.appendingPathComponent("a.txt").path, withDestinationPath: "nowhere.txt")
        var listing = DirectoryListing(directory.path)
        var seen: [String] = []
        while let entry = listing.next() {
            switch entry {
            case .file(let path): seen.append("file " + (path as NSString).lastPathComponent)
            case .directory(let path): seen.append("directory " + (path as NSString).lastPathComponent)
            case .unreadable(let path, let error): seen.append("unreadable \((path as NSString).lastPathComponent) \(error == ENOENT)")
            }
        }
        #expect(seen == ["unreadable a.txt true", "file b.txt", "directory c"])
        #expect(listing.failure == 0)
    }
}
