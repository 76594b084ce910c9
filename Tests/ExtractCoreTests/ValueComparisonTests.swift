@testable import ExtractCore
import Testing

/// How `extract test` compares an expected value with the produced one, and names the differences.
@Suite struct ValueComparisonTests {
    @Test func numbersCompareByValueButTextIsNoNumber() {
        #expect(ValueComparison.equal(.integer(48), .decimal(48)))
        #expect(!ValueComparison.equal(.string("48"), .integer(48)))
        #expect(!ValueComparison.equal(.null, .string("")))
        #expect(!ValueComparison.equal(.list([]), .null))
    }

    @Test func aNullKeyIsTheSameAsAKeyLeftOut() {
        let single: Value = .object([.init("months", 18), .init("text", "18 months")])
        let stable: Value = .object([.init("months", 18), .init("months_min", nil), .init("months_max", nil), .init("text", "18 months")])
        #expect(ValueComparison.equal(single, stable))
        #expect(ValueComparison.equal(stable, single))
        #expect(!ValueComparison.equal(single, .object([.init("months", 18)])))
    }

    @Test func objectsAreFollowedKeyByKeyAndListsOfOneLengthItemByItem() {
        let expected: Value = [.object([.init("title", "Study"), .init("months", 12)]), .object([.init("title", "Exam"), .init("months", 2)])]
        let produced: Value = [.object([.init("title", "Study"), .init("months", 12)]), .object([.init("title", "Exam"), .init("months", nil)])]
        #expect(ValueComparison.differences(expected, produced) == [
            ValueDifference(path: "[1].months", kind: .changed(expected: 2, produced: nil), item: 1),
        ])
    }

    @Test func listsOfOtherLengthsGiveTheMissingAndTheExtraItems() {
        #expect(ValueComparison.differences(["a", "b", "c"], ["a", "c", "d", "e"]) == [
            ValueDifference(path: "", kind: .missing("b")),
            ValueDifference(path: "[2]", kind: .extra("d"), item: 2),
            ValueDifference(path: "[3]", kind: .extra("e"), item: 3),
        ])
    }

    @Test func theSameItemsInAnotherOrderAreSaidToBeReordered() {
        #expect(ValueComparison.differences(["a", "b"], ["b", "a"]) == [ValueDifference(path: "", kind: .reordered)])
    }

    @Test func aValueOfAnotherKindIsOneChangeAtItsPlace() {
        #expect(ValueComparison.differences(.object([.init("min", 1)]), .null) == [
            ValueDifference(path: "", kind: .changed(expected: .object([.init("min", 1)]), produced: .null)),
        ])
        #expect(ValueComparison.differences("a", "a").isEmpty)
    }
}
