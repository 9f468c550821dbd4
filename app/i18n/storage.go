package i18n

// A vault that the browser's storage lost or damaged.
var (
	// ErrGone: a save or refresh found no vault in storage while one was
	// open.
	ErrGone = Message{"The vault is no longer in this browser's storage: it was cleared. Nothing was saved.",
		"保管庫がこのブラウザの保存領域にありません（消去されました）。何も保存されていません。"}
	GoneTitle = Message{"Your vault is gone from this browser's storage",
		"保管庫がこのブラウザの保存領域から消えました"}
	// GoneOpen: the argument is the number of accounts still open.
	GoneOpen = Count{
		"This site's data was cleared, by the browser to free space or by someone clearing site data. Your %[1]s account is still open in this tab, and only here: save a backup now, before you close or reload the tab.",
		"This site's data was cleared, by the browser to free space or by someone clearing site data. Your %[1]s accounts are still open in this tab, and only here: save a backup now, before you close or reload the tab.",
		"このサイトのデータが消去されました（空き容量を確保するためにブラウザが消去したか、誰かがサイトのデータを消去しました）。%[1]s 件のアカウントは、このタブでだけまだ開いています。タブを閉じたり再読み込みしたりする前に、今すぐバックアップを保存してください。"}
	GoneThen = Message{"Then put the vault back in this browser, or close it to restore a backup or receive your accounts from another device.",
		"その後、保管庫をこのブラウザに保存し直すか、閉じてからバックアップから復元するか、別の端末からアカウントを受け取ってください。"}
	GoneReinstate = Message{"Put the vault back in this browser", "保管庫をこのブラウザに保存し直す"}
	GoneClose     = Message{"Close without putting it back", "保存し直さずに閉じる"}
	// GoneBefore: a browser that held a vault finds none when the page
	// opens. The argument is the date it first held one.
	GoneBeforeTitle = Message{"Your vault is gone", "保管庫が見つかりません"}
	GoneBefore      = Message{"This browser has held a vault since %[1]s, but it is no longer in the browser's storage: the browser or someone cleared this site's data. Restore it from a backup, or receive your accounts from another device. Create a new, empty vault only if you have neither.",
		"このブラウザには %[1]s から保管庫がありましたが、ブラウザの保存領域にはもうありません。ブラウザまたは誰かがこのサイトのデータを消去しました。バックアップから復元するか、別の端末からアカウントを受け取ってください。どちらもない場合に限り、新しい空の保管庫を作成してください。"}
	// DamagedKept follows ErrDamagedVault on the unlock screen.
	DamagedKept = Message{"The damaged vault stays in this browser as it is until you restore a backup over it.",
		"壊れた保管庫は、バックアップから復元するまで、そのままこのブラウザに残ります。"}
)
