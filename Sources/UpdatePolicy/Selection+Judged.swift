extension Selection {
    /// This best tag judged for one image: whether moving to it is a change from what the image runs now.
    ///
    /// A pin is held when the image is on the pinned tag; `digest` proposes the followed tag whenever the
    /// image is not on the digest it names now (Image Updater's rule); the others propose the best tag
    /// unless the image is already on it, even when the current tag is newer than every allowed one.
    public func judged(current: String?, currentDigest: String?, policy: ImagePolicy) -> Selection {
        guard let chosen else { return self }
        if policy.pinnedTag != nil {
            return Selection(chosen: chosen, reason: chosen.tag == current ? .pinned : nil, considered: considered)
        }
        if policy.strategy == .digest {
            let unchanged = currentDigest != nil && currentDigest == chosen.digest
            return Selection(chosen: chosen, reason: unchanged ? .noneNewerThanCurrent : nil, considered: considered)
        }
        guard chosen.tag == current else { return self }
        return Selection(chosen: chosen, reason: .noneNewerThanCurrent, considered: considered)
    }
}
