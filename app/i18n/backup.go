package i18n

// The backup panel.
var (
	BackupTitle = New("Back up your vault", "保管庫をバックアップ")
	BackupIntro = New("A backup is an encrypted file with all your accounts. "+
		"Keep it off this device; it restores your accounts in any browser.",
		"バックアップは、すべてのアカウントを収めた暗号化ファイルです。"+
			"この端末以外の場所に保管してください。どのブラウザでもアカウントを復元できます。")
	BackupEncryptWith = New("Encrypt it with", "暗号化に使うパスワード")
	BackupWithVault   = New("my vault password", "保管庫のパスワード")
	BackupWithOther   = New("another passphrase", "別のパスフレーズ")
	BackupVaultPass   = New("Vault password", "保管庫のパスワード")
	BackupPassphrase  = New("Passphrase", "パスフレーズ")
	BackupAgain       = New("Passphrase again", "パスフレーズ（確認）")
	BackupTooShort    = New("The passphrase is too short: use at least 8 characters.",
		"パスフレーズが短すぎます。8 文字以上にしてください。")
	// BackupDiffer is also the command line's, when a new backup's
	// passphrase is typed twice.
	BackupDiffer       = New("The two passphrases differ.", "2 つのパスフレーズが一致しません。")
	BackupTypePassword = New("Type your vault password.", "保管庫のパスワードを入力してください。")
	BackupNoSave       = New("This browser cannot save files from here.", "このブラウザでは、ここからファイルを保存できません。")
	BackupNotVaultPass = New("That is not your vault password. Type it again, or choose another passphrase.",
		"保管庫のパスワードが違います。もう一度入力するか、別のパスフレーズを選んでください。")
	// BackupUnverified: the argument says why, in English from the core.
	BackupUnverified = New("The backup did not read back, so it was not offered: %[1]s.",
		"作成したバックアップを読み戻して確かめられなかったため、ダウンロードしませんでした（%[1]s）。")
	// BackupSaved: the argument is the file's name.
	BackupSaved = New("Your backup %[1]s was downloaded. Keep it somewhere safe, away from this device: "+
		"with its passphrase it restores every account.",
		"バックアップ %[1]s をダウンロードしました。この端末とは別の安全な場所に保管してください。"+
			"パスフレーズがあれば、すべてのアカウントを復元できます。")
	BackupDownload   = New("Download backup", "バックアップをダウンロード")
	BackupEncrypting = New("Encrypting…", "暗号化しています…")
	BackupCancel     = New("Cancel", "キャンセル")
	BackupDone       = New("Done", "完了")
)
