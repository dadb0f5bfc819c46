//! Reading every stored article for corpus-wide analysis.
