//! Laid-out paragraphs, kept so that redrawing or scrolling an article costs no layout.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::Arc;

use super::{LaidLine, LayoutOptions, layout};

/// Entries kept by [`LayoutCache::default`]: a few long articles at two or three widths.
const DEFAULT_CAPACITY_ENTRIES: usize = 4096;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Key {
    text_hash: u64,
    width_cols: usize,
    opts: LayoutOptions,
}

#[derive(Debug)]
struct Slot {
    /// Compared on every hit: a hash collision must give a layout of the wrong text never.
    paragraph: Box<str>,
    lines: Arc<[LaidLine]>,
    last_used: u64,
}

/// Hits and misses since the cache was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CacheStats {
    pub hits: u64,
    pub misses: u64,
}

/// Laid-out paragraphs by (text, width, options), least recently used dropped first.
///
/// The caller asks per visible paragraph, so a resize lays out only what is on screen, and
/// resizing back finds the old width's lines still here. Entries for other widths are not
/// dropped on a resize: they age out.
#[derive(Debug)]
pub struct LayoutCache {
    capacity_entries: usize,
    slots: HashMap<Key, Slot>,
    clock: u64,
    stats: CacheStats,
}

impl Default for LayoutCache {
    fn default() -> Self {
        Self::new(DEFAULT_CAPACITY_ENTRIES)
    }
}

impl LayoutCache {
    /// A cache holding at most `capacity_entries` laid-out paragraphs (at least one).
    pub fn new(capacity_entries: usize) -> Self {
        Self {
            capacity_entries: capacity_entries.max(1),
            slots: HashMap::new(),
            clock: 0,
            stats: CacheStats::default(),
        }
    }

    /// The lines of `paragraph` at `width_cols`, laid out now only if not cached.
    pub fn get_or_layout(
        &mut self,
        paragraph: &str,
        width_cols: usize,
        opts: &LayoutOptions,
    ) -> Arc<[LaidLine]> {
        self.clock += 1;
        let key = Key {
            text_hash: text_hash(paragraph),
            // `layout` treats 0 as 1: one entry for both.
            width_cols: width_cols.max(1),
            opts: *opts,
        };
        if let Some(slot) = self.slots.get_mut(&key) {
            if *slot.paragraph == *paragraph {
                slot.last_used = self.clock;
                self.stats.hits += 1;
                return Arc::clone(&slot.lines);
            }
        }
        self.stats.misses += 1;
        if self.slots.len() >= self.capacity_entries && !self.slots.contains_key(&key) {
            self.evict_oldest();
        }
        let lines: Arc<[LaidLine]> = layout(paragraph, key.width_cols, opts).into();
        self.slots.insert(
            key,
            Slot {
                paragraph: paragraph.into(),
                lines: Arc::clone(&lines),
                last_used: self.clock,
            },
        );
        lines
    }

    /// Drops the least recently used quarter (at least one entry), so eviction's scan is
    /// paid once per many insertions.
    fn evict_oldest(&mut self) {
        let mut ages: Vec<u64> = self.slots.values().map(|s| s.last_used).collect();
        let drop_count = (ages.len() / 4).max(1);
        let (_, threshold, _) = ages.select_nth_unstable(drop_count - 1);
        let threshold = *threshold;
        // `last_used` values are distinct (one tick per call), so this drops `drop_count`.
        self.slots.retain(|_, slot| slot.last_used > threshold);
    }

    pub fn len(&self) -> usize {
        self.slots.len()
    }

    pub fn is_empty(&self) -> bool {
        self.slots.is_empty()
    }

    pub fn clear(&mut self) {
        self.slots.clear();
    }

    pub fn stats(&self) -> CacheStats {
        self.stats
    }
}

fn text_hash(paragraph: &str) -> u64 {
    let mut hasher = DefaultHasher::new();
    paragraph.hash(&mut hasher);
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_ask_is_a_hit_and_shares_the_lines() {
        let mut cache = LayoutCache::default();
        let opts = LayoutOptions::default();
        let first = cache.get_or_layout("人民生活显著改善", 8, &opts);
        let second = cache.get_or_layout("人民生活显著改善", 8, &opts);
        assert!(Arc::ptr_eq(&first, &second));
        assert_eq!(cache.stats(), CacheStats { hits: 1, misses: 1 });
    }

    #[test]
    fn width_and_options_are_part_of_the_key() {
        let mut cache = LayoutCache::default();
        let opts = LayoutOptions::default();
        let wide = LayoutOptions {
            ambiguous_wide: true,
            ..opts
        };
        let at_8 = cache.get_or_layout("人民生活显著改善", 8, &opts);
        let at_80 = cache.get_or_layout("人民生活显著改善", 80, &opts);
        cache.get_or_layout("人民生活显著改善", 80, &wide);
        assert_eq!(at_8.len(), 2);
        assert_eq!(at_80.len(), 1);
        assert_eq!(cache.stats().misses, 3);
        assert_eq!(cache.len(), 3);
    }

    #[test]
    fn the_result_is_what_layout_gives() {
        let mut cache = LayoutCache::default();
        let opts = LayoutOptions::default();
        let p = "本报讯（记者 杨文）近日，省委书记唐登杰与钱文挥举行工作会谈。";
        assert_eq!(
            &*cache.get_or_layout(p, 20, &opts),
            &layout(p, 20, &opts)[..]
        );
    }

    #[test]
    fn the_least_recently_used_entries_go_first() {
        let mut cache = LayoutCache::new(4);
        let opts = LayoutOptions::default();
        for p in ["一", "二", "三", "四"] {
            cache.get_or_layout(p, 10, &opts);
        }
        // Touch 一 so that 二 is the oldest.
        cache.get_or_layout("一", 10, &opts);
        cache.get_or_layout("五", 10, &opts);
        assert_eq!(cache.len(), 4);
        let misses = cache.stats().misses;
        cache.get_or_layout("一", 10, &opts);
        assert_eq!(cache.stats().misses, misses, "一 was kept");
        cache.get_or_layout("二", 10, &opts);
        assert_eq!(cache.stats().misses, misses + 1, "二 was dropped");
    }

    #[test]
    fn width_zero_shares_the_entry_of_width_one() {
        let mut cache = LayoutCache::default();
        let opts = LayoutOptions::default();
        cache.get_or_layout("读报", 0, &opts);
        cache.get_or_layout("读报", 1, &opts);
        assert_eq!(cache.stats().hits, 1);
    }
}
