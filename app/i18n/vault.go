package i18n

// The vault screen: the list of accounts with their codes.
var (
	// VaultHeading is the screen's heading, which only screen readers
	// speak.
	VaultHeading     = Message{"Your accounts", "アカウント一覧"}
	VaultSearch      = Message{"Search", "検索"}
	VaultSearchLabel = Message{"Search accounts", "アカウントを検索"}
	VaultAdd         = Message{"Add account", "アカウントを追加"}
	VaultSettings    = Message{"Settings", "設定"}
	VaultPersist     = Message{"This browser may delete the vault to free space: it did not grant persistent storage. Keep a backup.",
		"このブラウザは永続的な保存を許可しなかったため、空き容量を確保するために保管庫を削除することがあります。バックアップを取っておいてください。"}
	// VaultEvicts warns, in a browser that deletes the data of sites not
	// opened for some days (Safari), that the vault goes with it unless
	// the app is installed.
	VaultEvicts = Message{"This browser deletes the data of websites you have not opened for 7 days, and this vault with it. Install Twofold as an app (in Safari: Share, then Add to Dock or Add to Home Screen), and keep a backup.",
		"このブラウザは、7 日間開いていないウェブサイトのデータを削除します。この保管庫も削除されます。Twofold をアプリとしてインストールし（Safari では共有ボタンから Dock またはホーム画面に追加します）、バックアップを取っておいてください。"}
	// VaultCodeCopied is announced to screen readers after a copy.
	VaultCodeCopied = Message{"Code copied.", "コードをコピーしました。"}
	VaultNoBackup   = Message{"You have no backup yet. If this browser loses its data, your accounts go with it.",
		"まだバックアップがありません。このブラウザのデータが失われると、アカウントも失われます。"}
	// VaultChanged: the argument is the day of the last backup.
	VaultChanged = Message{"Your accounts changed since your last backup on %[1]s.",
		"前回のバックアップ（%[1]s）以降、アカウントが変更されています。"}
	VaultBackUpNow = Message{"Back up now", "今すぐバックアップ"}
	// VaultTransferSource names the accounts of a transfer in the import
	// review, as the name of a file would.
	VaultTransferSource = Message{"a transfer from another device", "別の端末からの移行"}
	VaultEmptyTitle     = Message{"No accounts yet", "アカウントはまだありません"}
	VaultEmptyText      = Message{"Add one from the otpauth:// link or the secret key a site shows when you turn on two-factor sign-in.",
		"サイトで 2 段階認証をオンにしたときに表示される otpauth:// のリンクか、シークレットキーから追加してください。"}
	// VaultNoMatch: the argument is the search text.
	VaultNoMatch = Message{"No account matches “%[1]s”.", "「%[1]s」に一致するアカウントはありません。"}
	VaultList    = Message{"Accounts", "アカウント"}
	VaultMoveOut = Message{"Move accounts to another device", "アカウントを別の端末へ移行"}
	// VaultCopy is the name of an account's copy button: the argument is
	// what the button shows (the account and its code), and the words
	// around it are spoken by screen readers only.
	VaultCopy   = Message{"Copy the code of %[1]s", "%[1]s のコードをコピー"}
	VaultCopied = Message{"Copied", "コピーしました"}
	// VaultCodeHidden is what screen readers say of a code hidden until
	// tapped (see SettingsCodesTap); the screen shows dots.
	VaultCodeHidden = Message{"code hidden", "コードは非表示"}
	// VaultCodeError stands in a row for a code that cannot be made.
	VaultCodeError = Message{"error", "エラー"}
	VaultNext      = Message{"Next", "次のコード"}
	// VaultNextLabel: the argument is the account. It must contain
	// VaultNext, the button's visible text.
	VaultNextLabel = Message{"Next code for %[1]s", "%[1]s の次のコード"}
	VaultEdit      = Message{"Edit", "編集"}
	// VaultEditLabel: the argument is the account. It must contain
	// VaultEdit, the button's visible text.
	VaultEditLabel = Message{"Edit %[1]s", "%[1]s を編集"}
	// VaultCodeFailed: the argument is the error, in English.
	VaultCodeFailed = Message{"This account's code cannot be made: %[1]s.",
		"このアカウントのコードを作成できません（%[1]s）。"}
	VaultNoClipboard = Message{"Copying is not available here: select the code instead.",
		"ここではコピーできません。コードを選択してコピーしてください。"}
	// VaultCopyFailed: the argument is the browser's error.
	VaultCopyFailed = Message{"Copying failed: %[1]s", "コピーできませんでした（%[1]s）。"}
)

// The unlock screen.
var (
	UnlockTitle    = Message{"Unlock your vault", "保管庫のロックを解除"}
	UnlockPassword = Message{"Password", "パスワード"}
	UnlockSubmit   = Message{"Unlock", "ロックを解除"}
	UnlockBusy     = Message{"Unlocking…", "ロックを解除しています…"}
)

// The setup screen, which creates the vault; its password checks serve the
// restore screen too.
var (
	SetupTitle = Message{"Create your vault", "保管庫を作成"}
	// SetupTitleReceived is the title when the vault is created for
	// accounts received from another device.
	SetupTitleReceived = Message{"Choose a password for your accounts", "アカウントを守るパスワードを設定"}
	SetupReceived      = Count{
		"%[1]s account arrived from your other device. It is saved once you choose the vault's password.",
		"%[1]s accounts arrived from your other device. They are saved once you choose the vault's password.",
		"別の端末から %[1]s 件のアカウントが届きました。保管庫のパスワードを設定すると保存されます。"}
	SetupReceivedList = Message{"Received accounts", "受け取ったアカウント"}
	SetupIntro        = Message{"Your accounts are encrypted with this password and stay on this device. " +
		"Nobody can reset it: if you forget it, only a backup brings your accounts back.",
		"アカウントはこのパスワードで暗号化され、この端末の中だけに保存されます。" +
			"パスワードは誰にもリセットできません。忘れた場合、アカウントを取り戻せるのはバックアップだけです。"}
	SetupPassword = Message{"Password", "パスワード"}
	SetupConfirm  = Message{"Password again", "パスワード（確認）"}
	SetupSubmit   = Message{"Create vault", "保管庫を作成"}
	SetupBusy     = Message{"Creating…", "作成しています…"}
	SetupMoving   = Message{"Moving from another device?", "別の端末から移行しますか？"}
	SetupTransfer = Message{"Move accounts from another device", "別の端末からアカウントを移行"}
	SetupRestore  = Message{"Restore from a backup", "バックアップから復元"}
	SetupCancel   = Message{"Cancel and forget them", "キャンセルして破棄"}
	// SetupTooShort: the argument is the least number of characters.
	SetupTooShort = Message{"The password is too short: use at least %[1]d characters.",
		"パスワードが短すぎます。%[1]d 文字以上にしてください。"}
	SetupDiffer = Message{"The two passwords differ.", "2 つのパスワードが一致しません。"}
	// The strength of the password being typed; the argument of
	// SetupStrengthHint and SetupStrengthTooShort is the least number of
	// characters.
	SetupStrengthHint = Message{"At least %[1]d characters. A few unrelated words make a strong, memorable password.",
		"%[1]d 文字以上。関係のない単語をいくつか並べると、強くて覚えやすいパスワードになります。"}
	SetupStrengthTooShort = Message{"Too short: use at least %[1]d characters.",
		"短すぎます：%[1]d 文字以上にしてください。"}
	SetupStrengthCommon = Message{"Weak: this is one of the first passwords an attacker tries.",
		"弱い：攻撃者が最初に試すパスワードの 1 つです。"}
	SetupStrengthWeak = Message{"Weak: short or simple. Add a few unrelated words.",
		"弱い：短いか単純です。関係のない単語をいくつか加えてください。"}
	SetupStrengthFair = Message{"Fair: a longer passphrase of random words is stronger.",
		"普通：ランダムな単語を並べた、もっと長いパスワードのほうが強力です。"}
	SetupStrengthStrong = Message{"Strong.", "強力です。"}
)

// The restore screen, which creates the vault from a backup.
var (
	RestoreTitle  = Message{"Restore from a backup", "バックアップから復元"}
	RestoreChoose = Message{"Choose the backup file", "バックアップファイルを選択"}
	RestoreDrop   = Message{"or drop it here. It is read in this page only.",
		"またはここにドロップしてください。ファイルはこのページの中だけで読み込まれます。"}
	// RestoreReading follows a spinner while the file is read.
	RestoreReading = Message{"Reading…", "読み込んでいます…"}
	// RestoreFound: the arguments are the file's name and what it is
	// (a Twofold backup and when it was made).
	RestoreFound      = Message{"%[1]s is %[2]s.", "「%[1]s」は%[2]sです。"}
	RestorePassphrase = Message{"The backup's passphrase", "バックアップのパスフレーズ"}
	RestoreOpen       = Message{"Open backup", "バックアップを開く"}
	RestoreDecrypting = Message{"Decrypting…", "復号しています…"}
	RestoreOther      = Message{"Choose another file", "別のファイルを選択"}
	RestoreCount      = Count{"The backup holds %[1]s account.", "The backup holds %[1]s accounts.",
		"バックアップには %[1]s 件のアカウントがあります。"}
	RestoreIntro = Message{"Choose the password of the vault in this browser. It may be the backup's passphrase or another.",
		"このブラウザの保管庫のパスワードを決めてください。バックアップのパスフレーズと同じでも、別のものでもかまいません。"}
	RestorePassword = Message{"Vault password", "保管庫のパスワード"}
	RestoreConfirm  = Message{"Vault password again", "保管庫のパスワード（確認）"}
	RestoreSubmit   = Message{"Restore vault", "保管庫を復元"}
	RestoreBusy     = Message{"Restoring…", "復元しています…"}
	RestoreBack     = Message{"Back", "戻る"}
)

// VaultSecondsLeft is the spoken label of a code's countdown. The page's
// script writes the seconds in place of %[1]s, so it is read with l.One
// and l.Other rather than l.N.
var VaultSecondsLeft = Count{"%[1]s second until the code changes", "%[1]s seconds until the code changes",
	"コードが変わるまであと %[1]s 秒"}
