"""Stance ledger helpers: who the parties are, what each demands, rejects, proposes, conditions or
promises, and the issues those stances group into."""
