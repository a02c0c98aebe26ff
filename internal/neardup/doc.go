// Package neardup detects campaigns: comments that are near-identical copies of one form
// letter, with small personal edits. It groups them into clusters as they arrive, so that the
// moderation queue can show one entry per campaign with its size and a representative text.
// It is pure computation: no database, no HTTP.
//
// # Method
//
//  1. Normalise folds the text: NFKD, accents dropped, case folded, punctuation and symbols
//     turned into spaces, spaces collapsed. It treats every script alike (Latin, Greek,
//     Cyrillic, ...), so punctuation, capitals and accents never make two copies differ.
//
//  2. The normalised text is cut into shingles: every run of Config.ShingleSize (default 3)
//     consecutive words. A text of fewer than 2×ShingleSize words has too few of those to
//     compare, so it is cut into runs of 4 characters instead. Each word is hashed with 64-bit
//     FNV-1a and the words of a shingle are combined with the MurmurHash3 finaliser. These
//     hashes, unlike hash/maphash, are the same in every process.
//
//  3. The Signature keeps, for each of Config.NumHashes (default 128) hash functions
//     h(x) = (a·x + b mod 2^64) >> 32 with fixed parameters, the smallest value over the
//     shingles (MinHash). The share of positions where two signatures agree estimates the
//     Jaccard similarity of the two shingle sets, with a standard error of sqrt(s(1-s)/128),
//     at most 0.044. A signature is stored as 516 bytes (Signature.Bytes).
//
//  4. Locality-sensitive hashing finds the candidates without comparing every pair: the
//     signature is split into b bands of r values, each band is hashed to a bucket, and items
//     that share a bucket in at least one band are candidates. Two texts of similarity s share
//     a bucket with probability 1-(1-s^r)^b, an S-curve. With Config.Bands = 0 the layout is
//     derived from the threshold: the most rows per band such that texts at the threshold are
//     candidates with probability at least 0.99.
//
// For the defaults that derivation gives b = 42 bands of r = 3 rows, and this S-curve:
//
//	similarity s           0.1    0.2    0.3    0.4    0.5    0.6
//	P(candidate) at 42×3   0.041  0.286  0.683  0.938  0.996  0.99996
//
// A missed candidate is a false negative, so the curve is set to the left of the threshold;
// the price is extra candidates below it, each of which costs one comparison of 128 values
// and is then rejected. Every candidate is confirmed with the estimated similarity, so LSH
// never adds a false positive. (32 bands of 4 rows would miss 13% of the pairs at 0.5.)
//
// # Clusters
//
// Index.Add assigns each arriving item. An item is near-identical to a group when its
// estimated similarity is at least Config.Threshold with the group's representative (its
// first member), or with any member and at least Threshold/2 with the representative. It joins
// the oldest cluster it is near-identical to, else the oldest single item, which then becomes a
// cluster of two. An item that matches nothing stays alone and is in no cluster: a distinct
// comment is never "a cluster of one". When an item joins, it also brings in any earlier
// single item it is near-identical to and that is within Threshold/2 of the representative:
// such stragglers arrived before the cluster existed and matched no one then. Index.Assign
// reports them so that the caller can mark them too.
//
// Comparing only with the representative would miss variants whose edits differ from those
// of the first copy (two variants differ by both sets of edits); comparing with any member
// without a bound would let a chain of small edits drift from one text to an unrelated one.
// The Threshold/2 bound with the representative caps that drift. Clusters never merge or
// split and representatives never change, so the cluster id — the id of the first member — is
// stable and the outcome depends only on the arrival order: loading the stored signatures in
// arrival order into a fresh Index (Index.Load) reproduces it, and so does restoring them with
// their stored clusters (Index.Restore), without the search. The representative text shown
// in the queue is the first member's text.
//
// # Threshold
//
// The default Threshold, 0.5, means that two comments share at least half of their distinct
// three-word sequences. It was chosen with the campaign test (1,000 variants of a letter of
// about 200 words with a new greeting, name and organisation, a sentence added or removed, up
// to three word substitutions, up to two typos, punctuation and case changes and a different
// closing, mixed with 200 distinct comments of 20 to 400 words, some sharing boilerplate
// openers or quoting a sentence of the letter). Exactly computed there:
//
//   - between two campaign variants, the Jaccard similarity is at least about 0.42, 0.52 at
//     the 1st percentile and 0.68 at the median;
//   - between a distinct comment and any other comment, it is at most about 0.16.
//
// Over 40 random campaigns, thresholds from 0.45 to 0.55 put all 1,000 variants in one cluster
// and no distinct comment in any; at 0.6 one campaign in 40 left a variant out (recall 0.998).
// 0.5 sits in the middle of that window, more than seven standard errors above the distinct
// comments. Raising the threshold trades recall for precision: fewer comments that merely share
// boilerplate or a long quotation are grouped, but more heavily personalised copies escape the
// campaign. Lowering it does the reverse. Clustering is shown to moderators, who may still judge
// each comment; a false positive costs more than a false negative, since it hides a distinct
// opinion inside a campaign.
//
// # Storage and performance
//
// The work of one assignment is bounded, so that the time per item stays flat however many
// items share band values (a template's boilerplate can put thousands of distinct comments in
// the same buckets): at most 64 candidate groups are compared (clusters first, oldest first),
// at most 64 members of a group are checked, and a bucket indexes at most 256 groups (an item
// whose band value is that common is not indexed under it; its other bands still are) and at
// most 65 items of one group (the member check never reaches further).
//
// Store Signature.Bytes with each comment, and the cluster Assign put it in, and rebuild an
// Index per consultation after a restart or on another process with Restore, in the order of
// the assignments (models.Clusterer stores each assignment and replays them in the order it
// made them). Restore does not search again: it only checks an item stored in an earlier item's
// cluster against that cluster, to know whether it joined on arrival or was brought in later,
// and rebuilds exactly the state that Assign built. Load, from signatures alone, searches for
// every item as Add does. Changing ShingleSize or NumHashes requires computing the signatures
// again; changing Threshold or Bands only requires a Load (Restore keeps the stored clusters).
// Signing a comment of 300 words takes about 0.1 ms; signing and clustering 10,000 such
// comments takes about 1.1 s on one core (see BenchmarkAdd10k). On a campaign-heavy consultation
// of 112,000 comments, clustering costs about 50 µs per comment, restoring all the stored
// assignments about 3 s, and the index holds about 1.1 KB per comment, half of it the signature.
package neardup
