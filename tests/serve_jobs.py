"""Jobs for tests/test_serve_api.py's worker pool: one that answers, one that hangs, one that ends
its own process (as a crashing reader would), one that fails."""

import os
import time


def echo(value):
    return value


def sleep(seconds):
    time.sleep(seconds)
    return seconds


def die(_payload):
    os._exit(3)


def fail(_payload):
    raise ValueError("a job that fails")
