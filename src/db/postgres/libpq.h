// libpq, loaded when runway first connects to PostgreSQL rather than at start-up. Linking it
// directly would load libpq's own dependencies (TLS, Kerberos, LDAP: about 20 libraries) into
// every run, 4 ms of a SQLite `info` that should take milliseconds in all.
#pragma once

#include <libpq-fe.h>

#include "runway/error.h"

namespace runway {

// The libpq functions the driver calls, named as in libpq.
struct LibPq {
  decltype(&::PQclear) PQclear;
  decltype(&::PQcmdStatus) PQcmdStatus;
  decltype(&::PQcmdTuples) PQcmdTuples;
  decltype(&::PQconnectdbParams) PQconnectdbParams;
  decltype(&::PQconninfoFree) PQconninfoFree;
  decltype(&::PQconninfoParse) PQconninfoParse;
  decltype(&::PQenterPipelineMode) PQenterPipelineMode;
  decltype(&::PQerrorMessage) PQerrorMessage;
  decltype(&::PQexec) PQexec;
  decltype(&::PQexitPipelineMode) PQexitPipelineMode;
  decltype(&::PQfinish) PQfinish;
  decltype(&::PQfname) PQfname;
  decltype(&::PQfreemem) PQfreemem;
  decltype(&::PQgetCopyData) PQgetCopyData;
  decltype(&::PQgetisnull) PQgetisnull;
  decltype(&::PQgetlength) PQgetlength;
  decltype(&::PQgetResult) PQgetResult;
  decltype(&::PQgetvalue) PQgetvalue;
  decltype(&::PQnfields) PQnfields;
  decltype(&::PQntuples) PQntuples;
  decltype(&::PQpass) PQpass;
  decltype(&::PQpipelineSync) PQpipelineSync;
  decltype(&::PQputCopyData) PQputCopyData;
  decltype(&::PQputCopyEnd) PQputCopyEnd;
  decltype(&::PQresultErrorField) PQresultErrorField;
  decltype(&::PQresultErrorMessage) PQresultErrorMessage;
  decltype(&::PQresultStatus) PQresultStatus;
  decltype(&::PQsendPrepare) PQsendPrepare;
  decltype(&::PQsendQueryParams) PQsendQueryParams;
  decltype(&::PQsendQueryPrepared) PQsendQueryPrepared;
  decltype(&::PQserverVersion) PQserverVersion;
  decltype(&::PQsetNoticeReceiver) PQsetNoticeReceiver;
  decltype(&::PQstatus) PQstatus;
  decltype(&::PQtransactionStatus) PQtransactionStatus;
  decltype(&::PQuser) PQuser;
};

// Loads libpq once (thread-safe) and returns its functions, or an error saying how to
// install it.
Result<const LibPq*> load_libpq();

// The loaded functions. Only valid after load_libpq() succeeded, which open_postgres() and
// the URL parser ensure before anything else in the driver runs.
const LibPq& libpq();

}  // namespace runway
