# tests/datamodel/: every table of the data model through pyodbc against the emulator.
EXTRA_DIST += tests/datamodel/datamodel.sh tests/datamodel/test_datamodel.py
TESTS += tests/datamodel/datamodel.sh
