"""A short summary in which every sentence cites its outlets and marks what is disputed."""
