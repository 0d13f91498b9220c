# pingone/: the PingOne provider (REST client, paging, SCIM filter, JSON -> rows).
libp1core_la_SOURCES += \
	pingone/pingone.h pingone/provider.c \
	pingone/url.c pingone/url.h \
	pingone/http.c pingone/http.h \
	pingone/api.c pingone/api.h \
	pingone/catalog.c pingone/catalog.h \
	pingone/scim_filter.c pingone/scim_filter.h \
	pingone/plan.c pingone/plan.h \
	pingone/rows.c pingone/rows.h \
	pingone/scan.c pingone/scan.h
