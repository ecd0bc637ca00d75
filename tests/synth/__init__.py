"""Tests of the synthetic corpus generator (indexer.synth) and `nianbao synth`."""
