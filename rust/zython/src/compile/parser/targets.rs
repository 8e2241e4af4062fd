//! Checks that assignment, augmented-assignment and `del` targets are assignable.

use super::Parser;
use crate::compile::ast::{Expr, ExprKind};
use crate::compile::error::CompileError;

impl Parser<'_> {
    /// Checks a target of `=`, `for`, `with ... as` or a comprehension.
    pub(super) fn check_store(&self, e: &Expr) -> Result<(), CompileError> {
        match &e.kind {
            ExprKind::Name(_) | ExprKind::Attribute { .. } | ExprKind::Subscript { .. } => Ok(()),
            ExprKind::Tuple(items) | ExprKind::List(items) => self.check_store_items(items),
            ExprKind::Starred(_) => Err(self.error_at(
                "starred assignment target must be in a list or tuple",
                e.line,
            )),
            ExprKind::Constant(_) => Err(self.error_at("can't assign to literal", e.line)),
            _ => Err(self.error_at("can't assign to expression", e.line)),
        }
    }

    /// Checks the elements of a tuple or list target (at most one starred).
    fn check_store_items(&self, items: &[Expr]) -> Result<(), CompileError> {
        let mut starred = false;
        for item in items {
            if let ExprKind::Starred(inner) = &item.kind {
                if starred {
                    return Err(
                        self.error_at("multiple starred expressions in assignment", item.line)
                    );
                }
                starred = true;
                self.check_store(inner)?;
            } else {
                self.check_store(item)?;
            }
        }
        Ok(())
    }

    /// Checks the target of an augmented assignment (`x += 1`).
    pub(super) fn check_aug_store(&self, e: &Expr) -> Result<(), CompileError> {
        match &e.kind {
            ExprKind::Name(_) | ExprKind::Attribute { .. } | ExprKind::Subscript { .. } => Ok(()),
            ExprKind::Constant(_) => Err(self.error_at("can't assign to literal", e.line)),
            _ => Err(self.error_at("illegal expression for augmented assignment", e.line)),
        }
    }

    /// Checks the target of an annotated assignment (`x: int = 1`).
    pub(super) fn check_ann_store(&self, e: &Expr) -> Result<(), CompileError> {
        match &e.kind {
            ExprKind::Name(_) | ExprKind::Attribute { .. } | ExprKind::Subscript { .. } => Ok(()),
            ExprKind::Tuple(_) | ExprKind::List(_) => {
                Err(self.error_at("only single target (not tuple) can be annotated", e.line))
            }
            ExprKind::Constant(_) => Err(self.error_at("can't assign to literal", e.line)),
            _ => Err(self.error_at("illegal target for annotation", e.line)),
        }
    }

    /// Checks a `del` target.
    pub(super) fn check_del(&self, e: &Expr) -> Result<(), CompileError> {
        match &e.kind {
            ExprKind::Name(_) | ExprKind::Attribute { .. } | ExprKind::Subscript { .. } => Ok(()),
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                items.iter().try_for_each(|item| self.check_del(item))
            }
            _ => Err(self.error_at("can't delete expression", e.line)),
        }
    }
}
