//! What a read weighed last, kept between reads of committed snapshots so a ranking
//! need not weigh every piece of evidence again when nothing changed. The kernel only
//! holds the slots: the area that fills one owns the type kept in it, so nothing here
//! knows what is cached.

use std::any::{Any, TypeId};
use std::collections::HashMap;
use std::sync::Mutex;

/// One slot per type kept, each empty until an area keeps something in it.
#[derive(Default)]
pub(crate) struct ReadCache(Mutex<HashMap<TypeId, Box<dyn Any + Send>>>);

impl ReadCache {
    /// Runs `f` on the slot kept for `T`, holding the cache while it runs.
    pub(crate) fn with<T: Any + Send, R>(&self, f: impl FnOnce(&mut Option<T>) -> R) -> R {
        let mut slots = self.0.lock().unwrap_or_else(|e| e.into_inner());
        let slot = slots
            .entry(TypeId::of::<T>())
            .or_insert_with(|| Box::new(None::<T>));
        match slot.downcast_mut::<Option<T>>() {
            Some(kept) => f(kept),
            // A slot is made by this function only, keyed by its own type.
            None => f(&mut None),
        }
    }
}
