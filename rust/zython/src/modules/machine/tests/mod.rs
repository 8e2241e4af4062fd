//! Tests of `machine` against a fake Hardware.
