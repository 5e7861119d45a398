"""Reads an iCalendar file with Python's icalendar (an independent parser) and prints its events as JSON lines."""
import json
import sys

import icalendar


def text(value):
    if value is None:
        return None
    if hasattr(value, "dt"):
        return value.dt.isoformat()
    if hasattr(value, "cats"):
        return [str(c) for c in value.cats]
    return str(value)


with open(sys.argv[1], "rb") as f:
    calendar = icalendar.Calendar.from_ical(f.read())
print(json.dumps({"name": text(calendar.get("X-WR-CALNAME"))}))
for event in calendar.walk("VEVENT"):
    print(json.dumps({key.lower(): text(event.get(key)) for key in
                      ["UID", "SUMMARY", "DTSTART", "DTEND", "SEQUENCE", "STATUS", "LOCATION", "URL",
                       "DESCRIPTION", "CATEGORIES"]}))
