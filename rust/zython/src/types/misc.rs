//! Small builtin types: NoneType, ellipsis, range, slice, module and the iterator kinds.

use crate::simple_type;

simple_type!(NONE_TYPE, "NoneType");
simple_type!(ELLIPSIS_TYPE, "ellipsis");
simple_type!(NOT_IMPLEMENTED_TYPE, "NotImplementedType");
simple_type!(RANGE, "range");
simple_type!(SLICE, "slice");
simple_type!(MODULE, "module");
simple_type!(ITERATOR, "iterator");
simple_type!(ENUMERATE, "enumerate");
simple_type!(ZIP, "zip");
simple_type!(MAP, "map");
simple_type!(FILTER, "filter");
simple_type!(REVERSED, "reversed");
