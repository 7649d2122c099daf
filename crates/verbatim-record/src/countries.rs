//! Country names as printed in UN records -> ISO 3166-1 alpha-3 codes.
