extension Array {
    /// Registers `element`: in place of the first element registered under the same name
    /// (`sameName`), else at the end. What a registry's `adding(_:)` does, so a later
    /// registration replaces an earlier one and the listing order stays the first one's.
    func registering(_ element: Element, sameName: (Element) -> Bool) -> [Element] {
        var copy = self
        if let index = copy.firstIndex(where: sameName) { copy[index] = element } else { copy.append(element) }
        return copy
    }
}
