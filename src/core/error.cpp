#include "runway/error.h"

namespace runway {

const char* error_code_name(ErrorCode code) {
  switch (code) {
    case ErrorCode::Fault:
      return "FAULT";
    case ErrorCode::Error:
      return "ERROR";
    case ErrorCode::DbConnection:
      return "DB_CONNECTION";
    // Flyway reports a wrong setting as a plain FlywayException, code ERROR (measured with
    // 12.0.2: clean disabled, unknown target, bad ignore patterns, unknown keys, undefined
    // placeholders); runway keeps the category apart for itself and prints Flyway's name.
    case ErrorCode::Configuration:
      return "ERROR";
    // Flyway's own CONFIGURATION code is kept for a config file it cannot accept (flyway.conf,
    // a script's .conf) and for a missing URL, which usually means a config file not found.
    case ErrorCode::ConfigurationFile:
      return "CONFIGURATION";
    case ErrorCode::DuplicateVersionedMigration:
      return "DUPLICATE_VERSIONED_MIGRATION";
    case ErrorCode::DuplicateRepeatableMigration:
      return "DUPLICATE_REPEATABLE_MIGRATION";
    case ErrorCode::DuplicateUndoMigration:
      return "DUPLICATE_UNDO_MIGRATION";
    case ErrorCode::DuplicateDeletedMigration:
      return "DUPLICATE_DELETED_MIGRATION";
    case ErrorCode::NonEmptySchemaWithoutSchemaHistoryTable:
      return "NON_EMPTY_SCHEMA_WITHOUT_SCHEMA_HISTORY_TABLE";
    case ErrorCode::ValidateError:
      return "VALIDATE_ERROR";
    case ErrorCode::SchemaDoesNotExist:
      return "SCHEMA_DOES_NOT_EXIST";
    case ErrorCode::FailedBaselineMigration:
      return "FAILED_BASELINE_MIGRATION";
    case ErrorCode::FailedRepeatableMigration:
      return "FAILED_REPEATABLE_MIGRATION";
    case ErrorCode::FailedVersionedMigration:
      return "FAILED_VERSIONED_MIGRATION";
    case ErrorCode::AppliedRepeatableMigrationNotResolved:
      return "APPLIED_REPEATABLE_MIGRATION_NOT_RESOLVED";
    case ErrorCode::AppliedVersionedMigrationNotResolved:
      return "APPLIED_VERSIONED_MIGRATION_NOT_RESOLVED";
    case ErrorCode::ResolvedRepeatableMigrationNotApplied:
      return "RESOLVED_REPEATABLE_MIGRATION_NOT_APPLIED";
    case ErrorCode::ResolvedVersionedMigrationNotApplied:
      return "RESOLVED_VERSIONED_MIGRATION_NOT_APPLIED";
    case ErrorCode::OutdatedRepeatableMigration:
      return "OUTDATED_REPEATABLE_MIGRATION";
    case ErrorCode::TypeMismatch:
      return "TYPE_MISMATCH";
    case ErrorCode::ChecksumMismatch:
      return "CHECKSUM_MISMATCH";
    case ErrorCode::DescriptionMismatch:
      return "DESCRIPTION_MISMATCH";
  }
  return "ERROR";
}

std::string sql_error_block(const std::string& title, const SqlErrorInfo& sql) {
  return title + "\n" + std::string(title.size(), '-') + "\nSQL State  : " + sql.sql_state +
         "\nError Code : " + std::to_string(sql.vendor_code) + "\nMessage    : " + sql.message;
}

}  // namespace runway
