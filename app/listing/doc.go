// Package listing decides what the list of accounts shows, for the app and
// the command-line tool alike: which accounts a search and a group filter
// keep, in which order (favourites first, then the vault's sort order), the
// groups to filter by, the issuer marks drawn beside each account, and the
// hint of the next code at the end of a period. It draws nothing.
//
// [Rows] is the list for one query. An [Index] keeps what [Rows] works out
// (the folded texts and the orders) from one query to the next, for the
// same accounts: the app keeps one per revision of the vault, so that a
// search in ten thousand accounts takes a fraction of a millisecond.
//
// # Search
//
// [Rows] matches every word of the search, in any order, against the
// issuer, name, group and note of each account. Texts are compared after
// [Fold]: Unicode simple case folding, full-width Latin letters, digits and
// signs as their ASCII forms, half-width katakana as full-width, katakana
// as hiragana, and voiced sound marks joined to their kana, so that
// "ｇｉｔ", "GIT" and "git" find GitHub and "ぐーぐる", "グーグル" and
// "ｸﾞｰｸﾞﾙ" find one another. Accents are not removed ("é" does not find
// "e"): that would need the Unicode normalisation tables, which are too
// large to ship to the browser for this.
//
// # Order
//
// Favourites come first, then the others, each part in the order of
// [vault.Sort]: the vault's own order (manual), by issuer and name
// (alphabetical, after [Fold], by code point: kanji are not ordered by
// their reading), or by last use, most recent first, those never used
// after them in the vault's order. [Target] turns a move in the list as
// shown (a drag, or one row up or down) into the index that
// [vault.Contents.Move] takes.
package listing
