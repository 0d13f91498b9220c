libpingoneodbc_la_SOURCES += driver/odbc_api.c
