"""One home per rule (scoring, target suggestion, selection), each tested against a vector file in data/."""
