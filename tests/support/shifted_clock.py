"""Run a Python module with the clock moved forward: `python shifted_clock.py DAYS -m module args...`.

A build that reads the clock anywhere (file dates, "generated on" lines, zip timestamps) gives
different bytes under a shifted clock; a reproducible one does not.
"""

from __future__ import annotations

import datetime as _datetime
import runpy
import sys
import time

SHIFT = float(sys.argv[1]) * 86400
_real_time, _real_time_ns = time.time, time.time_ns
time.time = lambda: _real_time() + SHIFT
time.time_ns = lambda: _real_time_ns() + int(SHIFT * 1e9)


class _ShiftedDatetime(_datetime.datetime):
    @classmethod
    def now(cls, tz=None):
        return _datetime.datetime.fromtimestamp(time.time(), tz)

    @classmethod
    def utcnow(cls):
        return _datetime.datetime.fromtimestamp(time.time(), _datetime.UTC).replace(tzinfo=None)

    @classmethod
    def today(cls):
        return cls.now()


class _ShiftedDate(_datetime.date):
    @classmethod
    def today(cls):
        return _datetime.date.fromtimestamp(time.time())


_datetime.datetime = _ShiftedDatetime
_datetime.date = _ShiftedDate

if __name__ == "__main__":
    module = sys.argv[3]
    sys.argv = [module, *sys.argv[4:]]
    runpy.run_module(module, run_name="__main__", alter_sys=True)
