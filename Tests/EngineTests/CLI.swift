import TestSupport

/// The built `argocd-image-pr` binary, run as a user runs it.
typealias CLI = ProductCLI
