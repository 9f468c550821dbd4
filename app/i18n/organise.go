package i18n

// The vault list's organisation: the group filter, the order, favourites,
// moving an account, and the hint of the next code.
var (
	// ListGroups names the group of filter buttons for screen readers.
	ListGroups = Message{"Filter by group", "グループで絞り込み"}
	// ListAll is the filter button that shows every account.
	ListAll = Message{"All", "すべて"}
	// ListNoGroup is the filter button of the accounts filed under no
	// group.
	ListNoGroup = Message{"No group", "グループなし"}

	// ListSort labels the order select above the list.
	ListSort             = Message{"Order", "並び順"}
	ListSortManual       = Message{"Manual", "自分で並べた順"}
	ListSortAlphabetical = Message{"A–Z", "名前順"}
	ListSortRecent       = Message{"Recently used", "最近使った順"}

	// ListFavourite names an account's favourite toggle (a star, pressed
	// when it is a favourite): the argument is the account.
	ListFavourite = Message{"Favourite %[1]s", "お気に入り：%[1]s"}

	// ListMove names an account's reorder handle: the argument is the
	// account.
	ListMove = Message{"Move %[1]s", "%[1]s を移動"}
	// ListMoveHelp describes the reorder handles to screen readers.
	ListMoveHelp = Message{"Press the up or down arrow key to move the account one place, or drag it.",
		"上下の矢印キーで 1 つずつ移動できます。ドラッグでも移動できます。"}
	// ListMoved is announced after a move: the account, its position and
	// the number of accounts listed.
	ListMoved = Message{"%[1]s moved to position %[2]s of %[3]s.", "%[1]s を %[3]s 件中 %[2]s 番目に移動しました。"}

	// ListNextCode is shown under a code in the last seconds of its
	// period: the argument is the next code.
	ListNextCode = Message{"Next: %[1]s", "次のコード：%[1]s"}
)
