//! Function-like types: functions, bound methods, generators, cells, descriptors.

use crate::simple_type;

simple_type!(FUNCTION, "function");
simple_type!(GENERATOR_FUNCTION, "generator");
simple_type!(BUILTIN_FUNCTION, "function");
simple_type!(BOUND_METHOD, "bound_method");
simple_type!(CELL, "cell");
simple_type!(GENERATOR, "generator");
simple_type!(PROPERTY, "property");
simple_type!(CLASSMETHOD, "classmethod");
simple_type!(STATICMETHOD, "staticmethod");
