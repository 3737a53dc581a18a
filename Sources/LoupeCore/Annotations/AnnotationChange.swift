/// One change to one annotation: added (`before == nil`), removed
/// (`after == nil`) or replaced. Changes are the unit of undo and redo.
public struct AnnotationChange: Sendable, Hashable {
    public var documentID: String
    public var before: Annotation?
    public var after: Annotation?

    public init(documentID: String, before: Annotation?, after: Annotation?) {
        self.documentID = documentID
        self.before = before
        self.after = after
    }

    /// The change that undoes this one.
    public var inverse: AnnotationChange {
        AnnotationChange(documentID: documentID, before: after, after: before)
    }
}
