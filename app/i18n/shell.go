package i18n

// The shell: the top bar and the screens before the vault opens.
var (
	NoStorage = Message{"This browser offers no storage for the vault.",
		"このブラウザには保管庫を保存する場所がありません。"}
	// LockedIdle: the argument is a duration.
	LockedIdle = Message{"Locked after %[1]s without activity.",
		"%[1]s操作がなかったため、ロックしました。"}
	LockedHidden = Message{"Locked while the page was hidden.",
		"ページが表示されていない間にロックしました。"}
	UpdateAvailable = Message{"Update available.", "新しいバージョンがあります。"}
	Reload          = Message{"Reload", "再読み込み"}
	Install         = Message{"Install", "インストール"}
	Lock            = Message{"Lock", "ロック"}
	CannotStart     = Message{"Twofold cannot start", "Twofold を起動できません"}
	CannotStartHint = Message{"Reload the page. If this keeps happening, this browser may be keeping the site from storing data, as a private window does: open Twofold in a normal window. Nothing was changed or deleted.",
		"ページを再読み込みしてください。繰り返し表示される場合は、プライベートウィンドウのように、このブラウザがサイトのデータ保存を許可していない可能性があります。通常のウィンドウで Twofold を開いてください。何も変更・削除されていません。"}
	// AppLoadFailed: the boot script's form is shown, but the app's
	// program (app.wasm) did not load or could not be compiled.
	AppLoadFailed = Message{"Twofold could not load its program, so this form cannot be used yet. Reload the page; if you are offline and have never opened Twofold in this browser while online, open it once while online. Nothing was changed.",
		"Twofold のプログラムを読み込めなかったため、このフォームはまだ使えません。ページを再読み込みしてください。オフラインで、このブラウザで Twofold をオンラインで開いたことがない場合は、一度オンラインで開いてください。何も変更されていません。"}
	Opening  = Message{"Opening your vault…", "保管庫を開いています…"}
	Language = Message{"Language", "言語"}
)

// The app itself, for the web app manifest.
var (
	AppName        = Message{"Twofold", "Twofold"}
	AppDescription = Message{"An offline authenticator: encrypted TOTP, HOTP and Steam codes in your browser.",
		"オフラインで使える認証アプリ。TOTP・HOTP・Steam のコードを暗号化してブラウザに保管します。"}
)
