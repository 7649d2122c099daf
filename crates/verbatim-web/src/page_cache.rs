//! Rendered meeting pages kept in memory, each with the store generation of the meeting it shows.
//!
//! A meeting page is the largest page the server renders (a long General Assembly record is hundreds
//! of kilobytes of HTML), and rendering it means reading and decoding the whole record. The record only
//! changes when the meeting is written again, which gives it a new generation, so a page rendered once
//! can be served until then. The check costs one indexed SQLite lookup per request; a page of another
//! generation is never served. The cache is bounded in bytes and drops the least recently served
//! pages first.

use std::collections::BTreeMap;
use std::sync::Mutex;

use axum::body::Bytes;

/// Total size of the kept pages beyond which the least recently served are dropped.
pub const DEFAULT_BUDGET_BYTES: usize = 64 * 1024 * 1024;

/// One rendered page and what it was rendered from.
#[derive(Debug, Clone)]
pub struct CachedPage {
    /// The store generation of the meeting the page shows.
    pub generation: u64,
    /// The meeting's source file name (the PDF links depend on whether it is in the PDF folder).
    pub source_file: String,
    /// Whether the page was rendered with links to the PDF.
    pub pdf_available: bool,
    /// The whole HTML document.
    pub html: Bytes,
}

struct Entry {
    page: CachedPage,
    /// Value of the cache's clock when the page was last served: the smallest is dropped first.
    last_used: u64,
}

#[derive(Default)]
struct Inner {
    /// By meeting symbol. A BTreeMap keeps eviction ties (never expected: the clock is unique)
    /// deterministic.
    pages: BTreeMap<String, Entry>,
    bytes: usize,
    clock: u64,
}

/// Rendered meeting pages by symbol (see the module docs). Shared by all requests.
pub struct PageCache {
    budget: usize,
    inner: Mutex<Inner>,
}

impl Default for PageCache {
    fn default() -> PageCache {
        PageCache::with_budget(DEFAULT_BUDGET_BYTES)
    }
}

impl PageCache {
    /// A cache that keeps at most `budget` bytes of pages (0 keeps none).
    pub fn with_budget(budget: usize) -> PageCache {
        PageCache {
            budget,
            inner: Mutex::new(Inner::default()),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        // The map is consistent after every statement that changes it, so a panic elsewhere while the
        // lock was held leaves nothing half-done.
        self.inner
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The page of `symbol` if one was rendered from the meeting's `generation`.
    pub fn get(&self, symbol: &str, generation: u64) -> Option<CachedPage> {
        let mut inner = self.lock();
        inner.clock += 1;
        let now = inner.clock;
        let entry = inner.pages.get_mut(symbol)?;
        if entry.page.generation != generation {
            return None;
        }
        entry.last_used = now;
        Some(entry.page.clone())
    }

    /// Keeps a rendered page, replacing any other of the same meeting, then drops the least recently
    /// served pages until the total fits the budget. A page larger than the whole budget is not kept.
    pub fn insert(&self, symbol: &str, page: CachedPage) {
        let mut inner = self.lock();
        if let Some(old) = inner.pages.remove(symbol) {
            inner.bytes -= old.page.html.len();
        }
        if page.html.len() > self.budget {
            return;
        }
        inner.clock += 1;
        let last_used = inner.clock;
        inner.bytes += page.html.len();
        inner
            .pages
            .insert(symbol.to_owned(), Entry { page, last_used });
        while inner.bytes > self.budget {
            let Some(oldest) = inner
                .pages
                .iter()
                .min_by_key(|(_, e)| e.last_used)
                .map(|(k, _)| k.clone())
            else {
                break;
            };
            if let Some(dropped) = inner.pages.remove(&oldest) {
                inner.bytes -= dropped.page.html.len();
            }
        }
    }

    /// Number of pages kept.
    pub fn len(&self) -> usize {
        self.lock().pages.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(generation: u64, html: &str) -> CachedPage {
        CachedPage {
            generation,
            source_file: "x.pdf".to_owned(),
            pdf_available: false,
            html: Bytes::from(html.to_owned()),
        }
    }

    #[test]
    fn a_page_is_served_only_for_its_generation() {
        let cache = PageCache::with_budget(1000);
        cache.insert("S/PV.1", page(3, "three"));
        assert_eq!(
            cache.get("S/PV.1", 3).map(|p| p.html),
            Some(Bytes::from("three"))
        );
        assert!(cache.get("S/PV.1", 4).is_none());
        assert!(cache.get("S/PV.2", 3).is_none());
        cache.insert("S/PV.1", page(4, "four"));
        assert!(cache.get("S/PV.1", 3).is_none());
        assert_eq!(
            cache.get("S/PV.1", 4).map(|p| p.html),
            Some(Bytes::from("four"))
        );
        assert_eq!(cache.len(), 1);
    }

    #[test]
    fn the_least_recently_served_pages_go_first_when_over_budget() {
        let cache = PageCache::with_budget(10);
        cache.insert("a", page(1, "aaaa"));
        cache.insert("b", page(1, "bbbb"));
        // "a" is served again, so "b" is now the least recently used.
        assert!(cache.get("a", 1).is_some());
        cache.insert("c", page(1, "cccc"));
        assert!(cache.get("a", 1).is_some());
        assert!(cache.get("b", 1).is_none());
        assert!(cache.get("c", 1).is_some());
        // A page larger than the budget is not kept, and does not push the others out.
        cache.insert("d", page(1, "ddddddddddddddd"));
        assert!(cache.get("d", 1).is_none());
        assert_eq!(cache.len(), 2);
        // A budget of zero keeps nothing.
        let none = PageCache::with_budget(0);
        none.insert("a", page(1, "a"));
        assert!(none.is_empty());
    }
}
