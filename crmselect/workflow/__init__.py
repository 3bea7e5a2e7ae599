"""The committee's workflow: shortlisting, its own vendor profiles, and the spreadsheets that
travel to vendors and evaluators and back (workflow.md)."""
