"""Expert committees and their arithmetic (docs/committees.md): who sits on a committee, its quorum and
pass threshold, and the pure scoring and vote-tally functions every review uses (evaluations' dossiers,
commendations' nominations). A bottom app: it imports only ``accounts``."""
