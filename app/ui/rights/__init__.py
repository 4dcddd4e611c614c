"""What the signed-in clerk may do at the counter, and the words for a refusal."""
