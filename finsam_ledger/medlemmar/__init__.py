"""The members' view: the budget plan and the comparison of förbund, as commands."""
