/// The actions of a run in the order they happened, shared by the tasks reconciling repositories.
actor RunLog {
    private(set) var actions: [RunAction] = []

    func record(_ action: RunAction) {
        actions.append(action)
    }
}
