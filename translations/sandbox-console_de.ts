<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>CommandHistory</name>
    <message>
        <source>Cannot read the history file %1: %2</source>
        <translation>Die Verlaufsdatei %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>Cannot save the history file %1: %2</source>
        <translation>Die Verlaufsdatei %1 kann nicht gespeichert werden: %2</translation>
    </message>
    <message>
        <source>Cannot save the history file %1: another window holds its lock.</source>
        <translation>Die Verlaufsdatei %1 kann nicht gespeichert werden: Ein anderes Fenster hält ihre Sperre.</translation>
    </message>
</context>
<context>
    <name>CommandLineSplitter</name>
    <message>
        <source>Backslash at the end of the line (column %1) escapes nothing.</source>
        <translation>Der Backslash am Zeilenende (Spalte %1) maskiert nichts.</translation>
    </message>
    <message>
        <source>Unbalanced single quote: the quote at column %1 is never closed.</source>
        <translation>Unpaariges einfaches Anführungszeichen: Das Zeichen in Spalte %1 wird nie geschlossen.</translation>
    </message>
    <message>
        <source>Unbalanced double quote: the quote at column %1 is never closed.</source>
        <translation>Unpaariges doppeltes Anführungszeichen: Das Zeichen in Spalte %1 wird nie geschlossen.</translation>
    </message>
</context>
<context>
    <name>ConnectionState</name>
    <message>
        <source>idle</source>
        <translation>inaktiv</translation>
    </message>
    <message>
        <source>connecting</source>
        <translation>verbindet</translation>
    </message>
    <message>
        <source>ready</source>
        <translation>bereit</translation>
    </message>
    <message>
        <source>error</source>
        <translation>Fehler</translation>
    </message>
</context>
<context>
    <name>ConnectionTestReport</name>
    <message>
        <source>Connected to %1: `true` ran and exited 0.</source>
        <translation>Verbunden mit %1: `true` lief und endete mit Exit-Code 0.</translation>
    </message>
    <message>
        <source>Connected to %1, but `true` exited %2.</source>
        <translation>Verbunden mit %1, aber `true` endete mit Exit-Code %2.</translation>
    </message>
    <message>
        <source>Round trip: %1 (the first call, with connecting%2: %3).</source>
        <translation>Umlaufzeit: %1 (der erste Aufruf, mit Verbindungsaufbau%2: %3).</translation>
    </message>
    <message>
        <source> and the TLS handshake</source>
        <translation> und TLS-Handshake</translation>
    </message>
    <message>
        <source>Round trip: %1.</source>
        <translation>Umlaufzeit: %1.</translation>
    </message>
    <message>
        <source>No TLS: the connection is plaintext.</source>
        <translation>Kein TLS: Die Verbindung läuft im Klartext.</translation>
    </message>
    <message>
        <source>TLS: %1 · server certificate %2 · issued by %3 · expires %4</source>
        <translation>TLS: %1 · Serverzertifikat %2 · ausgestellt von %3 · läuft ab: %4</translation>
    </message>
    <message>
        <source>handshake not completed</source>
        <translation>Handshake nicht abgeschlossen</translation>
    </message>
    <message>
        <source>Certificate check: %1</source>
        <translation>Zertifikatsprüfung: %1</translation>
    </message>
</context>
<context>
    <name>ExecErrorText</name>
    <message>
        <source>The agent at %1 is unreachable: nothing answered or the connection was refused. Check that it is running and that the address is right (%2).</source>
        <translation>Der Agent unter %1 ist nicht erreichbar: Niemand hat geantwortet oder die Verbindung wurde abgelehnt. Prüfen Sie, ob er läuft und die Adresse stimmt (%2).</translation>
    </message>
    <message>
        <source>The TLS handshake with %1 failed: %2.</source>
        <translation>Der TLS-Handshake mit %1 ist fehlgeschlagen: %2.</translation>
    </message>
    <message>
        <source>The TLS handshake with %1 failed (%2). Likely causes: the CA file does not match the agent&apos;s certificate, the server name does not match it, the certificate has expired, or the agent does not use TLS.</source>
        <translation>Der TLS-Handshake mit %1 ist fehlgeschlagen (%2). Mögliche Ursachen: Die CA-Datei passt nicht zum Zertifikat des Agenten, der Servername passt nicht dazu, das Zertifikat ist abgelaufen oder der Agent verwendet kein TLS.</translation>
    </message>
    <message>
        <source>The agent at %1 refused the token or client certificate (%2). Check the profile&apos;s token and certificates.</source>
        <translation>Der Agent unter %1 hat das Token oder das Client-Zertifikat abgelehnt (%2). Prüfen Sie Token und Zertifikate des Profils.</translation>
    </message>
    <message>
        <source>The stream from %1 ended before an exit code arrived: the agent may have crashed or the connection was cut. The command&apos;s real result is unknown.</source>
        <translation>Der Datenstrom von %1 endete, bevor ein Exit-Code ankam: Der Agent ist vielleicht abgestürzt oder die Verbindung wurde unterbrochen. Das tatsächliche Ergebnis des Befehls ist unbekannt.</translation>
    </message>
    <message>
        <source>Nothing was sent: the profile cannot be used. %1</source>
        <translation>Es wurde nichts gesendet: Das Profil ist nicht verwendbar. %1</translation>
    </message>
    <message>
        <source>Nothing was sent: %1</source>
        <translation>Es wurde nichts gesendet: %1</translation>
    </message>
    <message>
        <source>The agent at %1 refused the request: %2</source>
        <translation>Der Agent unter %1 hat die Anfrage verweigert: %2</translation>
    </message>
    <message>
        <source>The agent at %1 rejected the request: %2</source>
        <translation>Der Agent unter %1 hat die Anfrage zurückgewiesen: %2</translation>
    </message>
    <message>
        <source>The agent at %1 is at its limit, or a message was too large: %2</source>
        <translation>Der Agent unter %1 ist an seiner Grenze, oder eine Nachricht war zu groß: %2</translation>
    </message>
    <message>
        <source>The command did not finish in time: %1</source>
        <translation>Der Befehl wurde nicht rechtzeitig fertig: %1</translation>
    </message>
    <message>
        <source>The sandbox failed to run the command: %1</source>
        <translation>Die Sandbox konnte den Befehl nicht ausführen: %1</translation>
    </message>
    <message>
        <source>The command failed: %1</source>
        <translation>Der Befehl ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>%1 B</source>
        <translation>%1 B</translation>
    </message>
    <message>
        <source>%1 KiB</source>
        <translation>%1 KiB</translation>
    </message>
    <message>
        <source>%1 MiB</source>
        <translation>%1 MiB</translation>
    </message>
    <message>
        <source>%1 GiB</source>
        <translation>%1 GiB</translation>
    </message>
    <message>
        <source>exit %1</source>
        <translation>Exit-Code %1</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>Cancelled: the agent was told to stop the command.</source>
        <translation>Abgebrochen: Der Agent wurde angewiesen, den Befehl zu beenden.</translation>
    </message>
    <message>
        <source>The connection to %1 was lost after %2 bytes of output; the command&apos;s end is unknown.</source>
        <translation>Die Verbindung zu %1 ist nach %2 Bytes Ausgabe abgebrochen; wie der Befehl endete, ist unbekannt.</translation>
    </message>
    <message>
        <source>%1 accepted the connection but never completed the TLS handshake (is it a TLS port?)</source>
        <translation>%1 hat die Verbindung angenommen, den TLS-Handshake aber nie abgeschlossen (ist es ein TLS-Port?)</translation>
    </message>
    <message>
        <source>The TLS handshake with %1 failed; likely cause: the agent may require a client certificate (mTLS). Configure one in the profile (%2).</source>
        <translation>Der TLS-Handshake mit %1 ist fehlgeschlagen; wahrscheinliche Ursache: Der Agent verlangt möglicherweise ein Client-Zertifikat (mTLS). Richten Sie eines im Profil ein (%2).</translation>
    </message>
    <message>
        <source>One output message from %1 was larger than the receive limit of %2; raise the profile&apos;s setting &quot;%3&quot; (sandboxctl: --max-chunk SIZE).</source>
        <translation>Eine Ausgabenachricht von %1 war größer als das Empfangslimit von %2; erhöhen Sie die Profileinstellung „%3“ (sandboxctl: --max-chunk GRÖSSE).</translation>
    </message>
    <message>
        <source>Largest output message</source>
        <translation>Größte Ausgabenachricht</translation>
    </message>
</context>
<context>
    <name>Profile</name>
    <message>
        <source>has a field &apos;%1&apos; that is not a string</source>
        <translation>hat ein Feld „%1“, das keine Zeichenkette ist</translation>
    </message>
    <message>
        <source>is missing the field &apos;%1&apos;</source>
        <translation>hat kein Feld „%1“</translation>
    </message>
    <message>
        <source>has a field &apos;%1&apos; that is not an array</source>
        <translation>hat ein Feld „%1“, das kein Array ist</translation>
    </message>
    <message>
        <source>has env entry %1 without a &apos;key&apos;</source>
        <translation>hat einen env-Eintrag %1 ohne „key“</translation>
    </message>
    <message>
        <source>has a field &apos;mode&apos; that is neither &apos;shell&apos; nor &apos;argv&apos; (&apos;%1&apos;)</source>
        <translation>hat ein Feld „mode“, das weder „shell“ noch „argv“ ist („%1“)</translation>
    </message>
    <message>
        <source>has a field &apos;%1&apos; that is not a positive number</source>
        <translation>hat ein Feld „%1“, das keine positive Zahl ist</translation>
    </message>
    <message>
        <source>has a field &apos;id&apos; that is not a UUID (&apos;%1&apos;)</source>
        <translation>hat ein Feld „id“, das keine UUID ist („%1“)</translation>
    </message>
    <message>
        <source>field &quot;%1&quot; must be a positive number</source>
        <translation>Feld „%1“ muss eine positive Zahl sein</translation>
    </message>
</context>
<context>
    <name>ProfileExport</name>
    <message>
        <source>Cannot embed the %1 %2: %3</source>
        <translation>Das %1 %2 kann nicht eingebettet werden: %3</translation>
    </message>
    <message>
        <source>  %1: embedded as PEM (from %2)</source>
        <translation>  %1: als PEM eingebettet (aus %2)</translation>
    </message>
    <message>
        <source>  %1: path %2, relative to the export file (send the file along)</source>
        <translation>  %1: Pfad %2, relativ zur Exportdatei (die Datei mitschicken)</translation>
    </message>
    <message>
        <source>  %1: path %2 on this machine (the file is not included)</source>
        <translation>  %1: Pfad %2 auf diesem Rechner (die Datei ist nicht enthalten)</translation>
    </message>
    <message>
        <source>%1 (secret reference %2)</source>
        <translation>%1 (Geheimnisreferenz %2)</translation>
    </message>
    <message>
        <source>%1 (value included)</source>
        <translation>%1 (Wert enthalten)</translation>
    </message>
    <message>
        <source>%1 (value left out)</source>
        <translation>%1 (Wert weggelassen)</translation>
    </message>
    <message>
        <source>  env: %1</source>
        <translation>  Umgebung: %1</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>CA certificate</source>
        <translation>CA-Zertifikat</translation>
    </message>
    <message>
        <source>client certificate</source>
        <translation>Client-Zertifikat</translation>
    </message>
    <message>
        <source>client key (never its content)</source>
        <translation>Client-Schlüssel (nie sein Inhalt)</translation>
    </message>
    <message>
        <source>No tokens: they stay in this machine&apos;s keychain.</source>
        <translation>Keine Tokens: Sie bleiben im Schlüsselbund dieses Rechners.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>ProfileImport</name>
    <message>
        <source>(none)</source>
        <translation>(keine)</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>(leer)</translation>
    </message>
    <message>
        <source>%1: %2 → %3</source>
        <translation>%1: %2 → %3</translation>
    </message>
    <message>
        <source>env: %1 → %2</source>
        <translation>Umgebung: %1 → %2</translation>
    </message>
    <message>
        <source>env values changed: %1</source>
        <translation>geänderte Umgebungswerte: %1</translation>
    </message>
    <message>
        <source>%1 (imported)</source>
        <translation>%1 (importiert)</translation>
    </message>
    <message>
        <source>%1 (imported %2)</source>
        <translation>%1 (importiert %2)</translation>
    </message>
    <message>
        <source>%1 is %2.</source>
        <translation>%1: %2.</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>without any profile</source>
        <translation>enthält kein Profil</translation>
    </message>
    <message>
        <source>profile %1: %2</source>
        <translation>Profil %1: %2</translation>
    </message>
    <message>
        <source>profile %1: id %2 is used twice</source>
        <translation>Profil %1: Die ID %2 kommt zweimal vor</translation>
    </message>
    <message>
        <source>Cannot write the certificate %1: %2</source>
        <translation>Das Zertifikat %1 kann nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>SecretStore</name>
    <message>
        <source> It is kept in memory for this session only.</source>
        <translation> Es wird nur für diese Sitzung im Speicher gehalten.</translation>
    </message>
    <message>
        <source>No Secret Service is running, so the token can&apos;t be saved.</source>
        <translation>Es läuft kein Secret Service, daher kann das Token nicht gespeichert werden.</translation>
    </message>
    <message>
        <source>No Secret Service is running, so the keychain can&apos;t be used.</source>
        <translation>Es läuft kein Secret Service, daher kann der Schlüsselbund nicht verwendet werden.</translation>
    </message>
    <message>
        <source>The keychain refused access (it may be locked).</source>
        <translation>Der Schlüsselbund hat den Zugriff verweigert (er ist möglicherweise gesperrt).</translation>
    </message>
    <message>
        <source>The keychain reported an error: %1.</source>
        <translation>Der Schlüsselbund meldet einen Fehler: %1.</translation>
    </message>
</context>
<context>
    <name>SecurityProfileClamp</name>
    <message>
        <source>The reference agent will apply &quot;%1&quot; as requested.</source>
        <translation>Der Referenz-Agent wendet wie angefordert „%1“ an.</translation>
    </message>
    <message>
        <source>No security profile is requested: the reference agent will apply &quot;%1&quot;.</source>
        <translation>Es ist kein Sicherheitsprofil angefordert: Der Referenz-Agent wendet „%1“ an.</translation>
    </message>
    <message>
        <source>The reference agent will apply &quot;%1&quot;, not &quot;%2&quot;: it runs anything but strict or standard as standard.</source>
        <translation>Der Referenz-Agent wendet „%1“ an, nicht „%2“: Er führt alles außer strict und standard als standard aus.</translation>
    </message>
</context>
<context>
    <name>SpoolReplay</name>
    <message>
        <source>Could not write the saved transcript: %1</source>
        <translation>Die gespeicherte Mitschrift konnte nicht geschrieben werden: %1</translation>
    </message>
    <message>
        <source>Could not read the transcript file %1: %2</source>
        <translation>Die Mitschriftdatei %1 konnte nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>%1 is not a transcript file of this console</source>
        <translation>%1 ist keine Mitschriftdatei dieser Konsole</translation>
    </message>
</context>
<context>
    <name>TokenTransportPolicy</name>
    <message>
        <source>Insecure: the token is sent without TLS, in cleartext, because &quot;Allow insecure&quot; is ticked. Use this only on a trusted network or loopback.</source>
        <translation>Unsicher: Das Token wird ohne TLS im Klartext gesendet, weil „Unsicher erlauben“ angekreuzt ist. Verwenden Sie das nur in einem vertrauenswürdigen Netz oder über Loopback.</translation>
    </message>
    <message>
        <source>A token is set but TLS is off: the token would travel in cleartext, readable by anyone on the network path. Commands are refused until you configure TLS or allow insecure transport (tick &quot;Allow insecure&quot; in the profile).</source>
        <translation>Ein Token ist gesetzt, aber TLS ist aus: Das Token würde im Klartext übertragen und wäre für jeden auf dem Netzwerkpfad lesbar. Befehle werden verweigert, bis Sie TLS einrichten oder die unsichere Übertragung erlauben („Unsicher erlauben“ im Profil ankreuzen).</translation>
    </message>
</context>
<context>
    <name>TranscriptExport</name>
    <message>
        <source>Sandbox Console transcript</source>
        <translation>Mitschrift aus Sandbox Console</translation>
    </message>
</context>
<context>
    <name>TranscriptSpool</name>
    <message>
        <source>Could not write the transcript file %1 (%2): the rest of this command&apos;s output is not saved.</source>
        <translation>Die Mitschriftdatei %1 konnte nicht geschrieben werden (%2): Der Rest der Ausgabe dieses Befehls wird nicht gespeichert.</translation>
    </message>
    <message>
        <source>The transcript files of this tab reached their cap of %1: the saved output of the %2 oldest command(s) was deleted.</source>
        <translation>Die Mitschriftdateien dieses Tabs haben ihre Obergrenze von %1 erreicht: Die gespeicherte Ausgabe der %2 ältesten Befehl(e) wurde gelöscht.</translation>
    </message>
    <message>
        <source>This command&apos;s output alone reached the transcript cap of %1: output from here on is shown but not saved.</source>
        <translation>Die Ausgabe dieses Befehls allein hat die Obergrenze der Mitschriftdateien von %1 erreicht: Die weitere Ausgabe wird angezeigt, aber nicht gespeichert.</translation>
    </message>
    <message>
        <source>Could not create the transcript folder %1</source>
        <translation>Der Mitschriftordner %1 konnte nicht angelegt werden</translation>
    </message>
    <message>
        <source>Could not create the transcript file %1 (%2): this command&apos;s output is shown but not saved.</source>
        <translation>Die Mitschriftdatei %1 konnte nicht angelegt werden (%2): Die Ausgabe dieses Befehls wird angezeigt, aber nicht gespeichert.</translation>
    </message>
    <message>
        <source>No transcript file holds command %1.</source>
        <translation>Keine Mitschriftdatei enthält den Befehl %1.</translation>
    </message>
    <message>
        <source>The transcript file of &quot;%1&quot; was deleted over the cap.</source>
        <translation>Die Mitschriftdatei von „%1“ wurde wegen der Obergrenze gelöscht.</translation>
    </message>
    <message>
        <source>%1: the saved output of this command was deleted over the transcript cap.</source>
        <translation>%1: Die gespeicherte Ausgabe dieses Befehls wurde wegen der Obergrenze der Mitschriftdateien gelöscht.</translation>
    </message>
</context>
<context>
    <name>TranscriptText</name>
    <message>
        <source>profile %1</source>
        <translation>Profil %1</translation>
    </message>
    <message>
        <source>agent default image</source>
        <translation>Standard-Abbild des Agenten</translation>
    </message>
    <message>
        <source>image %1</source>
        <translation>Abbild %1</translation>
    </message>
    <message>
        <source>security %1</source>
        <translation>Sicherheit %1</translation>
    </message>
    <message>
        <source>default workdir</source>
        <translation>Standard-Arbeitsverzeichnis</translation>
    </message>
    <message>
        <source>workdir %1</source>
        <translation>Arbeitsverzeichnis %1</translation>
    </message>
    <message>
        <source>env %1</source>
        <translation>Umgebung %1</translation>
    </message>
    <message>
        <source>colour requested</source>
        <translation>Farbe angefordert</translation>
    </message>
    <message>
        <source>%1 earlier lines are not shown</source>
        <translation>%1 frühere Zeilen werden nicht angezeigt</translation>
    </message>
    <message>
        <source>%1 earlier lines are not shown — saved in the transcript file (%2)</source>
        <translation>%1 frühere Zeilen werden nicht angezeigt – sie stehen in der Mitschriftdatei (%2)</translation>
    </message>
    <message>
        <source>security %1 applied by the agent (requested %2)</source>
        <translation>Sicherheit %1 vom Agenten angewendet (angefordert: %2)</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>(set in this tab: %1)</source>
        <translation>(in diesem Tab gesetzt: %1)</translation>
    </message>
    <message>
        <source>timeout %1</source>
        <translation>Timeout %1</translation>
    </message>
</context>
<context>
    <name>sandbox::CommandInput</name>
    <message>
        <source>Type a command and press Enter (Shift+Enter for a new line)</source>
        <translation>Befehl eingeben und Eingabetaste drücken (Umschalt+Eingabetaste für eine neue Zeile)</translation>
    </message>
</context>
<context>
    <name>sandbox::ConnectionStatus</name>
    <message>
        <source>insecure</source>
        <translation>unsicher</translation>
    </message>
</context>
<context>
    <name>sandbox::ConsoleCommandLine</name>
    <message>
        <source>Desktop console for running commands in remote sandboxes through a sandbox agent.</source>
        <translation>Desktop-Konsole, die Befehle über einen Sandbox-Agenten in entfernten Sandboxen ausführt.</translation>
    </message>
    <message>
        <source>Open the console of the profile &lt;name&gt;.</source>
        <translation>Die Konsole des Profils &lt;Name&gt; öffnen.</translation>
    </message>
    <message>
        <source>name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Keep profiles, history and settings in &lt;dir&gt; instead of the default.</source>
        <translation>Profile, Verlauf und Einstellungen in &lt;Verzeichnis&gt; statt am Standardort ablegen.</translation>
    </message>
    <message>
        <source>dir</source>
        <translation>Verzeichnis</translation>
    </message>
    <message>
        <source>User interface language, e.g. &quot;de&quot; or &quot;en&quot; (default: the system&apos;s).</source>
        <translation>Sprache der Oberfläche, z. B. „de“ oder „en“ (Standard: die des Systems).</translation>
    </message>
    <message>
        <source>code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>--config-dir needs a directory.</source>
        <translation>--config-dir braucht ein Verzeichnis.</translation>
    </message>
    <message>
        <source>Cannot create the config directory &quot;%1&quot;.</source>
        <translation>Das Konfigurationsverzeichnis „%1“ kann nicht angelegt werden.</translation>
    </message>
    <message>
        <source>Unknown language code &quot;%1&quot;; using the system language.</source>
        <translation>Unbekannter Sprachcode „%1“; die Systemsprache wird verwendet.</translation>
    </message>
    <message>
        <source>job</source>
        <translation>Job</translation>
    </message>
    <message>
        <source>A job file (*.sandbox-job.json) to open: its profile&apos;s console with the command filled in, run when you press Enter.</source>
        <translation>Eine Jobdatei (*.sandbox-job.json), die geöffnet wird: die Konsole ihres Profils mit dem Befehl bereits eingetragen; er läuft, wenn Sie die Eingabetaste drücken.</translation>
    </message>
    <message>
        <source>[job]</source>
        <translation>[Job]</translation>
    </message>
    <message>
        <source>Unexpected argument &quot;%1&quot;: only one job file can be opened.</source>
        <translation>Unerwartetes Argument „%1“: Es kann nur eine Jobdatei geöffnet werden.</translation>
    </message>
    <message>
        <source>The job file &quot;%1&quot; does not exist.</source>
        <translation>Die Jobdatei „%1“ existiert nicht.</translation>
    </message>
</context>
<context>
    <name>sandbox::ConsoleSession</name>
    <message>
        <source>A command is still running; stop it first (Esc).</source>
        <translation>Es läuft noch ein Befehl; beenden Sie ihn zuerst (Esc).</translation>
    </message>
    <message>
        <source>%1 (column %2)</source>
        <translation>%1 (Spalte %2)</translation>
    </message>
    <message>
        <source>Could not read the token from the keychain: %1 The command runs without a token.</source>
        <translation>Das Token konnte nicht aus dem Schlüsselbund gelesen werden: %1 Der Befehl läuft ohne Token.</translation>
    </message>
    <message>
        <source>Refused: %1</source>
        <translation>Verweigert: %1</translation>
    </message>
    <message>
        <source>Cancelled before the command started.</source>
        <translation>Abgebrochen, bevor der Befehl startete.</translation>
    </message>
</context>
<context>
    <name>sandbox::ConsoleShell</name>
    <message>
        <source>There is no profile named &quot;%1&quot; in %2.</source>
        <translation>In %2 gibt es kein Profil namens „%1“.</translation>
    </message>
</context>
<context>
    <name>sandbox::ConsoleTab</name>
    <message>
        <source>Edit profile</source>
        <translation>Profil bearbeiten</translation>
    </message>
    <message>
        <source>Search history:</source>
        <translation>Verlauf durchsuchen:</translation>
    </message>
    <message>
        <source>Type to search; Ctrl+R for older, Enter to take, Esc to leave</source>
        <translation>Tippen zum Suchen; Strg+R für ältere, Eingabetaste zum Übernehmen, Esc zum Verlassen</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Stopp</translation>
    </message>
    <message>
        <source>Cancel the running command (Ctrl+C or Esc)</source>
        <translation>Den laufenden Befehl abbrechen (Strg+C oder Esc)</translation>
    </message>
    <message>
        <source>running %1</source>
        <translation>läuft seit %1</translation>
    </message>
    <message>
        <source>Search history (no match):</source>
        <translation>Verlauf durchsuchen (kein Treffer):</translation>
    </message>
    <message>
        <source>Transcript files</source>
        <translation>Mitschriftdateien</translation>
    </message>
    <message>
        <source>The full output of every command is in %1.</source>
        <translation>Die vollständige Ausgabe jedes Befehls liegt in %1.</translation>
    </message>
    <message>
        <source>connecting… %1</source>
        <translation>verbindet… %1</translation>
    </message>
</context>
<context>
    <name>sandbox::EnvTableWidget</name>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Add variable</source>
        <translation>Variable hinzufügen</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Environment row %1 has a value but no name.</source>
        <translation>Umgebungszeile %1 hat einen Wert, aber keinen Namen.</translation>
    </message>
    <message>
        <source>Environment name &quot;%1&quot; (row %2) is not valid: use letters, digits and underscores, not starting with a digit.</source>
        <translation>Der Umgebungsname „%1“ (Zeile %2) ist ungültig: Verwenden Sie Buchstaben, Ziffern und Unterstriche, nicht mit einer Ziffer am Anfang.</translation>
    </message>
    <message>
        <source>Environment name &quot;%1&quot; appears more than once.</source>
        <translation>Der Umgebungsname „%1“ kommt mehrfach vor.</translation>
    </message>
    <message>
        <source>Use letters, digits and underscores; not starting with a digit.</source>
        <translation>Buchstaben, Ziffern und Unterstriche verwenden; nicht mit einer Ziffer beginnen.</translation>
    </message>
    <message>
        <source>resolved by the agent</source>
        <translation>wird vom Agenten aufgelöst</translation>
    </message>
    <message>
        <source>This reference is sent as is; the agent looks up the secret. The console never resolves it.</source>
        <translation>Diese Referenz wird unverändert gesendet; der Agent schlägt das Geheimnis nach. Die Konsole löst sie nie auf.</translation>
    </message>
</context>
<context>
    <name>sandbox::FindBar</name>
    <message>
        <source>Find in output</source>
        <translation>In der Ausgabe suchen</translation>
    </message>
    <message>
        <source>Aa</source>
        <translation>Aa</translation>
    </message>
    <message>
        <source>Match case</source>
        <translation>Groß-/Kleinschreibung beachten</translation>
    </message>
    <message>
        <source>.*</source>
        <translation>.*</translation>
    </message>
    <message>
        <source>Regular expression</source>
        <translation>Regulärer Ausdruck</translation>
    </message>
    <message>
        <source>Previous match (Shift+F3)</source>
        <translation>Vorheriger Treffer (Umschalt+F3)</translation>
    </message>
    <message>
        <source>Next match (F3)</source>
        <translation>Nächster Treffer (F3)</translation>
    </message>
    <message>
        <source>Older output is only in the transcript file</source>
        <translation>Ältere Ausgabe steht nur in der Mitschriftdatei</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>Speichern…</translation>
    </message>
    <message>
        <source>Save the complete output, from the transcript file</source>
        <translation>Die vollständige Ausgabe aus der Mitschriftdatei speichern</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>Schließen (Esc)</translation>
    </message>
    <message>
        <source>Find:</source>
        <translation>Suchen:</translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation>&amp;Suchen…</translation>
    </message>
    <message>
        <source>Find &amp;Next</source>
        <translation>&amp;Weitersuchen</translation>
    </message>
    <message>
        <source>Find &amp;Previous</source>
        <translation>&amp;Vorheriges suchen</translation>
    </message>
    <message>
        <source>Invalid regular expression: %1</source>
        <translation>Ungültiger regulärer Ausdruck: %1</translation>
    </message>
    <message>
        <source>No matches</source>
        <translation>Keine Treffer</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
</context>
<context>
    <name>sandbox::InfoBar</name>
    <message>
        <source>Dismiss</source>
        <translation>Ausblenden</translation>
    </message>
</context>
<context>
    <name>sandbox::JobCommands</name>
    <message>
        <source>The profile of this run no longer exists.</source>
        <translation>Das Profil dieser Ausführung existiert nicht mehr.</translation>
    </message>
    <message>
        <source>Save as Job</source>
        <translation>Als Job speichern</translation>
    </message>
    <message>
        <source>Include the plain environment values of %1 in the job? Keys are always kept and secret:// references are kept as they are; without values, whoever runs the job supplies them from their profile.</source>
        <translation>Die einfachen Umgebungswerte von %1 in den Job aufnehmen? Die Namen bleiben immer erhalten und secret://-Referenzen bleiben unverändert; ohne Werte liefert sie, wer den Job ausführt, aus dem eigenen Profil.</translation>
    </message>
    <message>
        <source>Sandbox jobs (*%1)</source>
        <translation>Sandbox-Jobs (*%1)</translation>
    </message>
    <message>
        <source>Saved the job to %1</source>
        <translation>Job in %1 gespeichert</translation>
    </message>
    <message>
        <source>Copy as sandboxctl Command</source>
        <translation>Als sandboxctl-Befehl kopieren</translation>
    </message>
    <message>
        <source>Copied the sandboxctl command; replace %1 with your token file.</source>
        <translation>sandboxctl-Befehl kopiert; ersetzen Sie %1 durch Ihre Token-Datei.</translation>
    </message>
    <message>
        <source>Copied the sandboxctl command.</source>
        <translation>sandboxctl-Befehl kopiert.</translation>
    </message>
    <message>
        <source>Open Job</source>
        <translation>Job öffnen</translation>
    </message>
    <message>
        <source>Sandbox jobs (*%1);;JSON files (*.json)</source>
        <translation>Sandbox-Jobs (*%1);;JSON-Dateien (*.json)</translation>
    </message>
    <message>
        <source>Could not open a console for the job&apos;s profile.</source>
        <translation>Für das Profil des Jobs konnte keine Konsole geöffnet werden.</translation>
    </message>
    <message>
        <source>The job&apos;s profile &quot;%1&quot; (%2) is not known here. Create a profile from the job&apos;s address and transport? The profile editor then opens for the certificates and the token.</source>
        <translation>Das Profil „%1“ (%2) des Jobs ist hier nicht bekannt. Ein Profil aus Adresse und Übertragungsart des Jobs anlegen? Danach öffnet sich der Profileditor für die Zertifikate und das Token.</translation>
    </message>
    <message>
        <source>The job&apos;s profile &quot;%1&quot; (%2) is not known here; nothing was opened.</source>
        <translation>Das Profil „%1“ (%2) des Jobs ist hier nicht bekannt; es wurde nichts geöffnet.</translation>
    </message>
    <message>
        <source>Job %1 on &quot;%2&quot; (%3, %4)</source>
        <translation>Job %1 auf „%2“ (%3, %4)</translation>
    </message>
    <message>
        <source>image %1</source>
        <translation>Abbild %1</translation>
    </message>
    <message>
        <source>agent default</source>
        <translation>Standard des Agenten</translation>
    </message>
    <message>
        <source>security profile %1</source>
        <translation>Sicherheitsprofil %1</translation>
    </message>
    <message>
        <source>workdir %1</source>
        <translation>Arbeitsverzeichnis %1</translation>
    </message>
    <message>
        <source>image default</source>
        <translation>Standard des Abbilds</translation>
    </message>
    <message>
        <source>env %1</source>
        <translation>Umgebung %1</translation>
    </message>
    <message>
        <source>timeout %1 s</source>
        <translation>Timeout %1 s</translation>
    </message>
    <message>
        <source>argv: %1</source>
        <translation>argv: %1</translation>
    </message>
    <message>
        <source>Note: %1</source>
        <translation>Hinweis: %1</translation>
    </message>
    <message>
        <source>Not in the job nor in this profile, left out: %1</source>
        <translation>Weder im Job noch in diesem Profil, weggelassen: %1</translation>
    </message>
    <message>
        <source>Nothing has run yet: press Enter in the input to run it.</source>
        <translation>Noch wurde nichts ausgeführt: Drücken Sie in der Eingabe die Eingabetaste, um den Befehl auszuführen.</translation>
    </message>
</context>
<context>
    <name>sandbox::JobSpecFile</name>
    <message>
        <source>Cannot write the job file %1: %2</source>
        <translation>Die Jobdatei %1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Cannot read the job file %1: %2</source>
        <translation>Die Jobdatei %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>The job file %1 is %2 MiB; a job file is at most %3 MiB</source>
        <translation>Die Jobdatei %1 ist %2 MiB groß; eine Jobdatei darf höchstens %3 MiB groß sein</translation>
    </message>
    <message>
        <source>The job file %1 is not valid JSON (%2 at byte %3)</source>
        <translation>Die Jobdatei %1 ist kein gültiges JSON (%2 bei Byte %3)</translation>
    </message>
    <message>
        <source>The job file %1 is not a job: its top level is not an object</source>
        <translation>Die Jobdatei %1 ist kein Job: Ihre oberste Ebene ist kein Objekt</translation>
    </message>
    <message>
        <source>The job file %1 cannot be used: %2</source>
        <translation>Die Jobdatei %1 ist nicht verwendbar: %2</translation>
    </message>
</context>
<context>
    <name>sandbox::JobSpecReader</name>
    <message>
        <source>missing required field &quot;%1&quot;</source>
        <translation>das Pflichtfeld „%1“ fehlt</translation>
    </message>
    <message>
        <source>field &quot;%1&quot; must be %2</source>
        <translation>das Feld „%1“ muss %2 sein</translation>
    </message>
    <message>
        <source>a string</source>
        <translation>eine Zeichenkette</translation>
    </message>
    <message>
        <source>true or false</source>
        <translation>true oder false</translation>
    </message>
    <message>
        <source>an object</source>
        <translation>ein Objekt</translation>
    </message>
    <message>
        <source>a whole number</source>
        <translation>eine ganze Zahl</translation>
    </message>
    <message>
        <source>this job file has schema %1, written by a newer version of Sandbox Console; this version reads schema %2 only</source>
        <translation>diese Jobdatei hat Schema %1 und wurde von einer neueren Version von Sandbox Console geschrieben; diese Version liest nur Schema %2</translation>
    </message>
    <message>
        <source>field &quot;profile.id&quot; is not a UUID: &quot;%1&quot;</source>
        <translation>das Feld „profile.id“ ist keine UUID: „%1“</translation>
    </message>
    <message>
        <source>field &quot;profile.transport&quot; must be &quot;plaintext&quot;, &quot;tls&quot; or &quot;mtls&quot;, not &quot;%1&quot;</source>
        <translation>das Feld „profile.transport“ muss „plaintext“, „tls“ oder „mtls“ sein, nicht „%1“</translation>
    </message>
    <message>
        <source>an array</source>
        <translation>ein Array</translation>
    </message>
    <message>
        <source>field &quot;command.mode&quot; must be &quot;shell&quot; or &quot;argv&quot;, not &quot;%1&quot;</source>
        <translation>das Feld „command.mode“ muss „shell“ oder „argv“ sein, nicht „%1“</translation>
    </message>
    <message>
        <source>an array of strings</source>
        <translation>ein Array von Zeichenketten</translation>
    </message>
    <message>
        <source>field &quot;command.argv&quot; is empty: there is nothing to run</source>
        <translation>das Feld „command.argv“ ist leer: Es gibt nichts auszuführen</translation>
    </message>
    <message>
        <source>a positive number of seconds</source>
        <translation>eine positive Anzahl Sekunden</translation>
    </message>
</context>
<context>
    <name>sandbox::MainWindow</name>
    <message>
        <source>Sandbox Console</source>
        <translation>Sandbox Console</translation>
    </message>
    <message>
        <source>Profiles</source>
        <translation>Profile</translation>
    </message>
    <message>
        <source>&amp;Import Profiles…</source>
        <translation>Profile &amp;importieren…</translation>
    </message>
    <message>
        <source>&amp;Export Profiles…</source>
        <translation>Profile e&amp;xportieren…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;New Profile…</source>
        <translation>&amp;Neues Profil…</translation>
    </message>
    <message>
        <source>&amp;Edit Profile…</source>
        <translation>Profil &amp;bearbeiten…</translation>
    </message>
    <message>
        <source>D&amp;uplicate Profile</source>
        <translation>Profil &amp;duplizieren</translation>
    </message>
    <message>
        <source>&amp;Delete Profile…</source>
        <translation>Profil &amp;löschen…</translation>
    </message>
    <message>
        <source>&amp;Presenter Mode</source>
        <translation>&amp;Präsentationsmodus</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <source>&amp;About Sandbox Console</source>
        <translation>Ü&amp;ber Sandbox Console</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Profile</source>
        <translation>&amp;Profil</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>About Sandbox Console</source>
        <translation>Über Sandbox Console</translation>
    </message>
    <message>
        <source>Sandbox Console %1
Run commands in remote sandboxes through a sandbox agent.</source>
        <translation>Sandbox Console %1
Befehle über einen Sandbox-Agenten in entfernten Sandboxen ausführen.</translation>
    </message>
    <message>
        <source>Close Console</source>
        <translation>Konsole schließen</translation>
    </message>
    <message>
        <source>A command is still running in &quot;%1&quot;. Stop it and close the tab? Its output so far is lost with the tab.</source>
        <translation>In „%1“ läuft noch ein Befehl. Ihn stoppen und den Tab schließen? Seine bisherige Ausgabe geht mit dem Tab verloren.</translation>
    </message>
    <message>
        <source>Stop and Close</source>
        <translation>Stoppen und schließen</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <source>A command is still running in: %1. Stop it and quit?</source>
        <translation>Es läuft noch ein Befehl in: %1. Stoppen und beenden?</translation>
    </message>
    <message>
        <source>Stop and Quit</source>
        <translation>Stoppen und beenden</translation>
    </message>
    <message>
        <source>Profiles added or changed in this window are not saved (%1 could not be written). Quit and lose them?</source>
        <translation>In diesem Fenster hinzugefügte oder geänderte Profile sind nicht gespeichert (%1 konnte nicht geschrieben werden). Beenden und sie verlieren?</translation>
    </message>
    <message>
        <source>Quit Without Saving</source>
        <translation>Ohne Speichern beenden</translation>
    </message>
    <message>
        <source>Presenter mode is on: tokens and environment values are hidden; values of this profile&apos;s env are masked in output; output of the agent&apos;s secret resolution cannot be known and is not masked.</source>
        <translation>Der Präsentationsmodus ist an: Tokens und Umgebungswerte sind verborgen; die Werte der Umgebung dieses Profils werden in der Ausgabe maskiert; Ausgaben der Geheimnisauflösung des Agenten sind nicht bekannt und werden nicht maskiert.</translation>
    </message>
    <message>
        <source>Run History</source>
        <translation>Ausführungsverlauf</translation>
    </message>
    <message>
        <source>&amp;Open Job…</source>
        <translation>&amp;Job öffnen…</translation>
    </message>
    <message>
        <source>New &amp;Tab for This Profile</source>
        <translation>Neuer &amp;Tab für dieses Profil</translation>
    </message>
</context>
<context>
    <name>sandbox::PemFileField</name>
    <message>
        <source>none (system roots when TLS is on)</source>
        <translation>keine (Stammzertifikate des Systems, wenn TLS an ist)</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>Choose a private key</source>
        <translation>Privaten Schlüssel auswählen</translation>
    </message>
    <message>
        <source>Choose a certificate</source>
        <translation>Zertifikat auswählen</translation>
    </message>
    <message>
        <source>PEM files (*.pem *.crt *.key *.cer);;All files (*)</source>
        <translation>PEM-Dateien (*.pem *.crt *.key *.cer);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Subject: %1 · Issuer: %2 · Expires: %3</source>
        <translation>Inhaber: %1 · Aussteller: %2 · Läuft ab: %3</translation>
    </message>
    <message>
        <source>Warning: this certificate has expired.</source>
        <translation>Warnung: Dieses Zertifikat ist abgelaufen.</translation>
    </message>
    <message numerus="yes">
        <source>Warning: this certificate expires in %n day(s).</source>
        <translation>
            <numerusform>Warnung: Dieses Zertifikat läuft in %n Tag ab.</numerusform>
            <numerusform>Warnung: Dieses Zertifikat läuft in %n Tagen ab.</numerusform>
        </translation>
    </message>
    <message>
        <source>Private key</source>
        <translation>Privater Schlüssel</translation>
    </message>
    <message>
        <source>Error: this key does not match the client certificate %1.</source>
        <translation>Fehler: Dieser Schlüssel passt nicht zum Client-Zertifikat %1.</translation>
    </message>
    <message>
        <source>Private key, matches the client certificate</source>
        <translation>Privater Schlüssel, passt zum Client-Zertifikat</translation>
    </message>
</context>
<context>
    <name>sandbox::ProfileCommands</name>
    <message>
        <source>Profiles (*.json);;All files (*)</source>
        <translation>Profile (*.json);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Duplicate Profile</source>
        <translation>Profil duplizieren</translation>
    </message>
    <message>
        <source>The profile could not be duplicated: %1</source>
        <translation>Das Profil konnte nicht dupliziert werden: %1</translation>
    </message>
    <message>
        <source>Delete Profile</source>
        <translation>Profil löschen</translation>
    </message>
    <message>
        <source>Delete the profile &quot;%1&quot; and its token in the keychain? This cannot be undone.</source>
        <translation>Das Profil „%1“ und sein Token im Schlüsselbund löschen? Das lässt sich nicht rückgängig machen.</translation>
    </message>
    <message>
        <source>The profile list could not be saved: %1</source>
        <translation>Die Profilliste konnte nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>Import Profiles</source>
        <translation>Profile importieren</translation>
    </message>
    <message>
        <source>Nothing was imported: %1</source>
        <translation>Es wurde nichts importiert: %1</translation>
    </message>
    <message>
        <source>Export Profiles</source>
        <translation>Profile exportieren</translation>
    </message>
    <message>
        <source>The profile &quot;%1&quot; exists here already. Update it with the imported settings?

%2</source>
        <translation>Das Profil „%1“ gibt es hier bereits. Mit den importierten Einstellungen aktualisieren?

%2</translation>
    </message>
    <message>
        <source>Importing &quot;%1&quot; failed: %2</source>
        <translation>Der Import von „%1“ ist fehlgeschlagen: %2</translation>
    </message>
</context>
<context>
    <name>sandbox::ProfileEditorDialog</name>
    <message>
        <source>New Profile</source>
        <translation>Neues Profil</translation>
    </message>
    <message>
        <source>Edit Profile</source>
        <translation>Profil bearbeiten</translation>
    </message>
    <message>
        <source>Bearer &amp;token:</source>
        <translation>Bearer-&amp;Token:</translation>
    </message>
    <message>
        <source>The profile could not be saved: %1</source>
        <translation>Das Profil konnte nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>The token was removed from the keychain.</source>
        <translation>Das Token wurde aus dem Schlüsselbund entfernt.</translation>
    </message>
    <message>
        <source>Saving the token to the keychain…</source>
        <translation>Das Token wird im Schlüsselbund gespeichert…</translation>
    </message>
    <message>
        <source>&amp;Test Connection</source>
        <translation>Verbindung t&amp;esten</translation>
    </message>
    <message>
        <source>Connect with the settings as they are here, run `true` and show the TLS details and the round trip</source>
        <translation>Mit den Einstellungen, wie sie hier stehen, verbinden, `true` ausführen und die TLS-Details und die Umlaufzeit anzeigen</translation>
    </message>
    <message>
        <source>The token is still being read from the keychain; test again in a moment.</source>
        <translation>Das Token wird noch aus dem Schlüsselbund gelesen; testen Sie gleich noch einmal.</translation>
    </message>
    <message>
        <source>Testing the connection to %1…</source>
        <translation>Die Verbindung zu %1 wird getestet…</translation>
    </message>
    <message>
        <source>Discard Changes</source>
        <translation>Änderungen verwerfen</translation>
    </message>
    <message>
        <source>The changes to this profile are not saved. Discard them?</source>
        <translation>Die Änderungen an diesem Profil sind nicht gespeichert. Verwerfen?</translation>
    </message>
    <message>
        <source>&amp;Discard Changes</source>
        <translation>Änderungen &amp;verwerfen</translation>
    </message>
</context>
<context>
    <name>sandbox::ProfileExportDialog</name>
    <message>
        <source>Export Profiles</source>
        <translation>Profile exportieren</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>Include plain environment values (secret:// references and the names are always included)</source>
        <translation>Einfache Umgebungswerte einschließen (secret://-Referenzen und die Namen sind immer enthalten)</translation>
    </message>
    <message>
        <source>Embed the CA and client certificates as PEM (private keys are never exported)</source>
        <translation>CA- und Client-Zertifikate als PEM einbetten (private Schlüssel werden nie exportiert)</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>&amp;Exportieren</translation>
    </message>
    <message>
        <source>Profiles to export to %1:</source>
        <translation>Nach %1 zu exportierende Profile:</translation>
    </message>
    <message>
        <source>What leaves this machine:</source>
        <translation>Was diesen Rechner verlässt:</translation>
    </message>
    <message>
        <source>The profiles could not be exported: %1</source>
        <translation>Die Profile konnten nicht exportiert werden: %1</translation>
    </message>
</context>
<context>
    <name>sandbox::ProfileFileBanner</name>
    <message>
        <source>Move aside</source>
        <translation>Beiseitelegen</translation>
    </message>
    <message>
        <source>Profiles added or changed in this window are NOT saved yet.</source>
        <translation>In diesem Fenster hinzugefügte oder geänderte Profile sind NOCH NICHT gespeichert.</translation>
    </message>
    <message>
        <source>%1 It was left untouched; profiles cannot be saved until it is moved aside.</source>
        <translation>%1 Sie wurde nicht verändert; Profile können erst gespeichert werden, wenn sie beiseitegelegt wurde.</translation>
    </message>
    <message>
        <source>Move aside saves them.</source>
        <translation>„Beiseitelegen“ speichert sie.</translation>
    </message>
    <message>
        <source>The last save of %1 failed; they are saved with the next change that succeeds.</source>
        <translation>Das letzte Speichern von %1 ist fehlgeschlagen; sie werden mit der nächsten erfolgreichen Änderung gespeichert.</translation>
    </message>
    <message>
        <source>Some entries of %1 could not be read. They are kept in the file as they are and not shown until they are fixed there: %2.</source>
        <translation>Einige Einträge von %1 konnten nicht gelesen werden. Sie bleiben unverändert in der Datei und werden nicht angezeigt, bis sie dort korrigiert sind: %2.</translation>
    </message>
    <message>
        <source>The old file was renamed to %1.</source>
        <translation>Die alte Datei wurde in %1 umbenannt.</translation>
    </message>
    <message>
        <source>The profiles in this window were saved to %1.</source>
        <translation>Die Profile dieses Fensters wurden in %1 gespeichert.</translation>
    </message>
</context>
<context>
    <name>sandbox::ProfileForm</name>
    <message>
        <source>host:port, e.g. 127.0.0.1:7443</source>
        <translation>Host:Port, z. B. 127.0.0.1:7443</translation>
    </message>
    <message>
        <source>from the address</source>
        <translation>aus der Adresse</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>&amp;Adresse:</translation>
    </message>
    <message>
        <source>&amp;CA file:</source>
        <translation>&amp;CA-Datei:</translation>
    </message>
    <message>
        <source>Client &amp;certificate:</source>
        <translation>Client-&amp;Zertifikat:</translation>
    </message>
    <message>
        <source>Client &amp;key:</source>
        <translation>Client-&amp;Schlüssel:</translation>
    </message>
    <message>
        <source>Server name o&amp;verride:</source>
        <translation>Servername &amp;überschreiben:</translation>
    </message>
    <message>
        <source>Connect &amp;timeout:</source>
        <translation>Verbin&amp;dungs-Timeout:</translation>
    </message>
    <message>
        <source>e.g. docker.io/library/debian:12</source>
        <translation>z. B. docker.io/library/debian:12</translation>
    </message>
    <message>
        <source>agent default</source>
        <translation>Standard des Agenten</translation>
    </message>
    <message>
        <source>Shell: run the line through /bin/sh -c</source>
        <translation>Shell: die Zeile über /bin/sh -c ausführen</translation>
    </message>
    <message>
        <source>Argv: split the line with shell-like quoting, no expansion</source>
        <translation>Argv: die Zeile mit Shell-Quoting zerlegen, ohne Expansion</translation>
    </message>
    <message>
        <source>&amp;Security profile:</source>
        <translation>Sicherheits&amp;profil:</translation>
    </message>
    <message>
        <source>&amp;Image:</source>
        <translation>Container-A&amp;bbild:</translation>
    </message>
    <message>
        <source>&amp;Working directory:</source>
        <translation>Arbeits&amp;verzeichnis:</translation>
    </message>
    <message>
        <source>Command &amp;mode:</source>
        <translation>Befehls&amp;modus:</translation>
    </message>
    <message>
        <source>&amp;Environment:</source>
        <translation>&amp;Umgebung:</translation>
    </message>
    <message>
        <source>The profile needs a name.</source>
        <translation>Das Profil braucht einen Namen.</translation>
    </message>
    <message>
        <source>The address must be host:port, e.g. 127.0.0.1:7443.</source>
        <translation>Die Adresse muss Host:Port sein, z. B. 127.0.0.1:7443.</translation>
    </message>
    <message>
        <source>A client certificate and its key go together: set both or neither.</source>
        <translation>Client-Zertifikat und Schlüssel gehören zusammen: Setzen Sie beide oder keines.</translation>
    </message>
    <message>
        <source>Ask for &amp;colour output</source>
        <translation>&amp;Farbige Ausgabe anfordern</translation>
    </message>
    <message>
        <source>Adds TERM=xterm-256color, CLICOLOR_FORCE=1 and FORCE_COLOR=1 to each command unless the environment below sets them. Programs that colour only on a terminal (TTY) stay plain.</source>
        <translation>Fügt jedem Befehl TERM=xterm-256color, CLICOLOR_FORCE=1 und FORCE_COLOR=1 hinzu, sofern die Umgebung unten sie nicht setzt. Programme, die nur auf einem Terminal (TTY) farbig ausgeben, bleiben einfarbig.</translation>
    </message>
    <message>
        <source>Use T&amp;LS</source>
        <translation>T&amp;LS verwenden</translation>
    </message>
    <message>
        <source>Without a CA file, the system&apos;s trusted root certificates verify the agent.</source>
        <translation>Ohne CA-Datei prüfen die vertrauenswürdigen Stammzertifikate des Systems den Agenten.</translation>
    </message>
    <message>
        <source>Allow &amp;insecure</source>
        <translation>Uns&amp;icher erlauben</translation>
    </message>
    <message>
        <source>Sends the token even over a connection without TLS, where anyone on the network path can read it.</source>
        <translation>Sendet das Token auch über eine Verbindung ohne TLS, auf der es jeder auf dem Netzwerkpfad mitlesen kann.</translation>
    </message>
    <message>
        <source> MiB</source>
        <translation> MiB</translation>
    </message>
    <message>
        <source>The largest single output message accepted from the agent. The reference agent sends a command&apos;s whole output as one message.</source>
        <translation>Die größte einzelne Ausgabenachricht, die vom Agenten angenommen wird. Der Referenz-Agent sendet die gesamte Ausgabe eines Befehls als eine Nachricht.</translation>
    </message>
</context>
<context>
    <name>sandbox::ProfileListModel</name>
    <message>
        <source>insecure</source>
        <translation>unsicher</translation>
    </message>
    <message>
        <source>mTLS</source>
        <translation>mTLS</translation>
    </message>
    <message>
        <source>TLS</source>
        <translation>TLS</translation>
    </message>
    <message>
        <source>plaintext</source>
        <translation>Klartext</translation>
    </message>
    <message>
        <source>%1 at %2</source>
        <translation>%1 unter %2</translation>
    </message>
</context>
<context>
    <name>sandbox::ProfileListPane</name>
    <message>
        <source>Profiles</source>
        <translation>Profile</translation>
    </message>
</context>
<context>
    <name>sandbox::ProfileStore</name>
    <message>
        <source>not valid JSON (%1 at byte %2)</source>
        <translation>kein gültiges JSON (%1 bei Byte %2)</translation>
    </message>
    <message>
        <source>the top level is not an object</source>
        <translation>die oberste Ebene ist kein Objekt</translation>
    </message>
    <message>
        <source>missing or invalid &quot;schema&quot; version</source>
        <translation>fehlende oder ungültige „schema“-Version</translation>
    </message>
    <message>
        <source>written by a newer version of Sandbox Console (schema %1; this version reads schema %2)</source>
        <translation>von einer neueren Version von Sandbox Console geschrieben (Schema %1; diese Version liest Schema %2)</translation>
    </message>
    <message>
        <source>missing or invalid &quot;profiles&quot; array</source>
        <translation>fehlendes oder ungültiges „profiles“-Array</translation>
    </message>
    <message>
        <source>Cannot save %1: %2</source>
        <translation>%1 kann nicht gespeichert werden: %2</translation>
    </message>
    <message>
        <source>The profile needs a name.</source>
        <translation>Das Profil braucht einen Namen.</translation>
    </message>
    <message>
        <source>The profile &quot;%1&quot; needs an agent address (host:port).</source>
        <translation>Das Profil „%1“ braucht eine Agentenadresse (Host:Port).</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>Cannot rename %1 to %2: %3</source>
        <translation>%1 kann nicht in %2 umbenannt werden: %3</translation>
    </message>
    <message>
        <source>Not saving over %1: it could not be read and is kept as it is. Move it aside first to save your profiles.</source>
        <translation>%1 wird nicht überschrieben: Die Datei konnte nicht gelesen werden und bleibt unverändert. Legen Sie sie zuerst beiseite, um Ihre Profile zu speichern.</translation>
    </message>
    <message>
        <source>The profile &quot;%1&quot; no longer exists.</source>
        <translation>Das Profil „%1“ existiert nicht mehr.</translation>
    </message>
    <message>
        <source>The profile no longer exists.</source>
        <translation>Das Profil existiert nicht mehr.</translation>
    </message>
    <message>
        <source> (copy)</source>
        <translation> (Kopie)</translation>
    </message>
    <message>
        <source>Cannot export: a selected profile no longer exists.</source>
        <translation>Export nicht möglich: Ein ausgewähltes Profil existiert nicht mehr.</translation>
    </message>
    <message>
        <source> (imported)</source>
        <translation> (importiert)</translation>
    </message>
    <message>
        <source>profile #%1</source>
        <translation>Profil Nr. %1</translation>
    </message>
    <message>
        <source>profile #%1 (&apos;%2&apos;)</source>
        <translation>Profil Nr. %1 („%2“)</translation>
    </message>
    <message>
        <source>%1 is not a JSON object</source>
        <translation>%1 ist kein JSON-Objekt</translation>
    </message>
    <message>
        <source>%1 has the id %2 of an earlier profile</source>
        <translation>%1 hat die ID %2 eines früheren Profils</translation>
    </message>
    <message>
        <source>The profile file %1 cannot be used: %2.</source>
        <translation>Die Profildatei %1 ist nicht verwendbar: %2.</translation>
    </message>
    <message>
        <source>The profiles in this window are not saved: %1</source>
        <translation>Die Profile dieses Fensters sind nicht gespeichert: %1</translation>
    </message>
    <message>
        <source>Cannot save %1: another Sandbox Console window holds its lock %2.</source>
        <translation>%1 kann nicht gespeichert werden: Ein anderes Fenster von Sandbox Console hält die Sperre %2.</translation>
    </message>
    <message>
        <source>it holds no profiles</source>
        <translation>sie enthält keine Profile</translation>
    </message>
    <message>
        <source>%1: %2.</source>
        <translation>%1: %2.</translation>
    </message>
</context>
<context>
    <name>sandbox::QuickOverridesBar</name>
    <message>
        <source>The agent may clamp the security profile to what it allows.</source>
        <translation>Der Agent kann das Sicherheitsprofil auf das beschränken, was er zulässt.</translation>
    </message>
    <message>
        <source>&amp;Image:</source>
        <translation>&amp;Abbild:</translation>
    </message>
    <message>
        <source>Sec&amp;urity:</source>
        <translation>Sic&amp;herheit:</translation>
    </message>
    <message>
        <source>&amp;Workdir:</source>
        <translation>Arbeits&amp;verzeichnis:</translation>
    </message>
    <message>
        <source>agent default</source>
        <translation>Standard des Agenten</translation>
    </message>
    <message>
        <source>standard</source>
        <translation>standard</translation>
    </message>
    <message>
        <source>none</source>
        <translation>ohne</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>Each command of this tab is stopped when it runs longer (the agent is told to stop it).</source>
        <translation>Jeder Befehl dieses Tabs wird gestoppt, wenn er länger läuft (der Agent wird angewiesen, ihn zu beenden).</translation>
    </message>
    <message>
        <source>Set in this tab (replaces the profile&apos;s value of the same name):</source>
        <translation>In diesem Tab gesetzt (ersetzt den gleichnamigen Wert des Profils):</translation>
    </message>
    <message>
        <source>&amp;Timeout:</source>
        <translation>&amp;Timeout:</translation>
    </message>
    <message>
        <source> +%1</source>
        <translation> +%1</translation>
    </message>
    <message>
        <source>&amp;Env…</source>
        <translation>&amp;Umgebung…</translation>
    </message>
    <message>
        <source>&amp;Env: %1</source>
        <translation>&amp;Umgebung: %1</translation>
    </message>
    <message>
        <source>The profile sends no environment variables.</source>
        <translation>Das Profil sendet keine Umgebungsvariablen.</translation>
    </message>
    <message>
        <source>The profile sends: %1</source>
        <translation>Das Profil sendet: %1</translation>
    </message>
    <message>
        <source>No environment variables are sent. Click to set some for this tab.</source>
        <translation>Es werden keine Umgebungsvariablen gesendet. Klicken, um welche für diesen Tab zu setzen.</translation>
    </message>
    <message>
        <source>Sent with each command: %1</source>
        <translation>Mit jedem Befehl gesendet: %1</translation>
    </message>
</context>
<context>
    <name>sandbox::RunHistory</name>
    <message>
        <source>Cannot read the run history %1: %2</source>
        <translation>Der Ausführungsverlauf %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>The run history %1 is not valid JSON (%2); it was left untouched.</source>
        <translation>Der Ausführungsverlauf %1 ist kein gültiges JSON (%2); er wurde nicht verändert.</translation>
    </message>
    <message>
        <source>The run history %1 has schema %2, newer than this version reads (%3); it was left untouched.</source>
        <translation>Der Ausführungsverlauf %1 hat Schema %2, neuer als diese Version liest (%3); er wurde nicht verändert.</translation>
    </message>
    <message>
        <source>Cannot save the run history %1: %2</source>
        <translation>Der Ausführungsverlauf %1 kann nicht gespeichert werden: %2</translation>
    </message>
    <message>
        <source>Cannot delete the transcript file %1</source>
        <translation>Die Mitschriftdatei %1 kann nicht gelöscht werden</translation>
    </message>
    <message>
        <source>There is no run %1 in the history.</source>
        <translation>Im Verlauf gibt es keine Ausführung %1.</translation>
    </message>
</context>
<context>
    <name>sandbox::RunHistoryModel</name>
    <message>
        <source>argv: %1</source>
        <translation>argv: %1</translation>
    </message>
    <message>
        <source>image: %1</source>
        <translation>Abbild: %1</translation>
    </message>
    <message>
        <source>agent default</source>
        <translation>Standard des Agenten</translation>
    </message>
    <message>
        <source>security profile: %1</source>
        <translation>Sicherheitsprofil: %1</translation>
    </message>
    <message>
        <source>workdir: %1</source>
        <translation>Arbeitsverzeichnis: %1</translation>
    </message>
    <message>
        <source>image default</source>
        <translation>Standard des Abbilds</translation>
    </message>
    <message>
        <source>env: %1</source>
        <translation>Umgebung: %1</translation>
    </message>
    <message>
        <source>transcript: %1</source>
        <translation>Mitschrift: %1</translation>
    </message>
    <message>
        <source>transcript: deleted over the history&apos;s cap</source>
        <translation>Mitschrift: wegen der Obergrenze des Verlaufs gelöscht</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Gestartet</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>Befehl</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>Bytes</source>
        <translation>Bytes</translation>
    </message>
</context>
<context>
    <name>sandbox::RunHistoryPanel</name>
    <message>
        <source>Search runs (command, image, status)</source>
        <translation>Ausführungen durchsuchen (Befehl, Abbild, Status)</translation>
    </message>
    <message>
        <source>Re-run</source>
        <translation>Erneut ausführen</translation>
    </message>
    <message>
        <source>Edit and run</source>
        <translation>Bearbeiten und ausführen</translation>
    </message>
    <message>
        <source>Save as job…</source>
        <translation>Als Job speichern…</translation>
    </message>
    <message>
        <source>Copy as sandboxctl command</source>
        <translation>Als sandboxctl-Befehl kopieren</translation>
    </message>
    <message>
        <source>sandboxctl exec --profile-name …: for whoever has this profile</source>
        <translation>sandboxctl exec --profile-name …: für alle, die dieses Profil haben</translation>
    </message>
    <message>
        <source>Copy as sandboxctl command (all flags)</source>
        <translation>Als sandboxctl-Befehl kopieren (alle Optionen)</translation>
    </message>
    <message>
        <source>--addr, --ca, --cert, --key, …, with the token file as a placeholder: for whoever does not have this profile</source>
        <translation>--addr, --ca, --cert, --key, …, mit der Token-Datei als Platzhalter: für alle, die dieses Profil nicht haben</translation>
    </message>
    <message>
        <source>Open transcript</source>
        <translation>Mitschrift öffnen</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Put the command and its overrides into the input; Enter runs it</source>
        <translation>Den Befehl und seine abweichenden Einstellungen in die Eingabe übernehmen; die Eingabetaste führt ihn aus</translation>
    </message>
    <message>
        <source>Runs of &quot;%1&quot;</source>
        <translation>Ausführungen von „%1“</translation>
    </message>
    <message>
        <source>Open a console to see its runs.</source>
        <translation>Öffnen Sie eine Konsole, um ihre Ausführungen zu sehen.</translation>
    </message>
    <message>
        <source>The transcript of &quot;%1&quot; was deleted over the run history&apos;s cap.</source>
        <translation>Die Mitschrift von „%1“ wurde wegen der Obergrenze des Ausführungsverlaufs gelöscht.</translation>
    </message>
    <message>
        <source>No transcript was kept for &quot;%1&quot;.</source>
        <translation>Für „%1“ wurde keine Mitschrift aufbewahrt.</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>%1 konnte nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Delete run</source>
        <translation>Ausführung löschen</translation>
    </message>
    <message>
        <source>Delete the run &quot;%1&quot; and its transcript from the history?</source>
        <translation>Die Ausführung „%1“ und ihre Mitschrift aus dem Verlauf löschen?</translation>
    </message>
</context>
<context>
    <name>sandbox::RunRecord</name>
    <message>
        <source>did not finish</source>
        <translation>nicht beendet</translation>
    </message>
    <message>
        <source>exit %1</source>
        <translation>Exit-Code %1</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>a run has no valid &quot;id&quot;</source>
        <translation>eine Ausführung hat keine gültige „id“</translation>
    </message>
    <message>
        <source>run %1 has no &quot;line&quot;</source>
        <translation>Ausführung %1 hat keine „line“</translation>
    </message>
</context>
<context>
    <name>sandbox::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source> lines</source>
        <translation> Zeilen</translation>
    </message>
    <message>
        <source> commands</source>
        <translation> Befehle</translation>
    </message>
    <message>
        <source>Console &amp;scrollback:</source>
        <translation>Konsolen-&amp;Puffer:</translation>
    </message>
    <message>
        <source>Command &amp;history per profile:</source>
        <translation>Befehls&amp;verlauf pro Profil:</translation>
    </message>
    <message>
        <source> MiB</source>
        <translation> MiB</translation>
    </message>
    <message>
        <source>Every command&apos;s full output is kept on disk for Save and Find; beyond this size per tab the oldest commands&apos; files are deleted.</source>
        <translation>Die vollständige Ausgabe jedes Befehls wird für Speichern und Suchen auf der Festplatte aufbewahrt; über diese Größe pro Tab hinaus werden die Dateien der ältesten Befehle gelöscht.</translation>
    </message>
    <message>
        <source>&amp;Transcript files per tab:</source>
        <translation>&amp;Mitschriftdateien pro Tab:</translation>
    </message>
    <message>
        <source>Older lines leave the screen beyond the scrollback but stay in the transcript files; the oldest files and commands are dropped beyond the other limits.</source>
        <translation>Ältere Zeilen verschwinden jenseits des Puffers vom Bildschirm, bleiben aber in den Mitschriftdateien; die ältesten Dateien und Befehle werden jenseits der anderen Grenzen verworfen.</translation>
    </message>
</context>
<context>
    <name>sandbox::StartPage</name>
    <message>
        <source>Sandbox Console</source>
        <translation>Sandbox Console</translation>
    </message>
    <message>
        <source>&amp;Open Console</source>
        <translation>Konsole ö&amp;ffnen</translation>
    </message>
    <message>
        <source>&amp;New Profile…</source>
        <translation>&amp;Neues Profil…</translation>
    </message>
    <message>
        <source>&amp;Import Profiles…</source>
        <translation>Profile &amp;importieren…</translation>
    </message>
    <message>
        <source>Open &amp;Job…</source>
        <translation>&amp;Job öffnen…</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>No profile yet. A profile names an agent (address, TLS files, token) and how commands run there. Create one, or import profiles exported elsewhere.</source>
        <translation>Noch kein Profil. Ein Profil nennt einen Agenten (Adresse, TLS-Dateien, Token) und wie Befehle dort laufen. Legen Sie eines an oder importieren Sie anderswo exportierte Profile.</translation>
    </message>
    <message>
        <source>Open a profile&apos;s console, or create a new profile.</source>
        <translation>Öffnen Sie die Konsole eines Profils oder legen Sie ein neues Profil an.</translation>
    </message>
</context>
<context>
    <name>sandbox::TokenField</name>
    <message>
        <source>no token</source>
        <translation>kein Token</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Anzeigen</translation>
    </message>
    <message>
        <source>Show the token while the button is down</source>
        <translation>Das Token anzeigen, solange die Taste gedrückt ist</translation>
    </message>
    <message>
        <source>Forget token</source>
        <translation>Token vergessen</translation>
    </message>
    <message>
        <source>Remove the token from the keychain</source>
        <translation>Das Token aus dem Schlüsselbund entfernen</translation>
    </message>
    <message>
        <source>loading…</source>
        <translation>wird geladen…</translation>
    </message>
    <message>
        <source>Presenter mode is on: the token cannot be shown</source>
        <translation>Der Präsentationsmodus ist an: Das Token kann nicht angezeigt werden</translation>
    </message>
</context>
<context>
    <name>sandbox::TranscriptSaveDialog</name>
    <message>
        <source>Save Transcript</source>
        <translation>Mitschrift speichern</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Umfang</translation>
    </message>
    <message>
        <source>&amp;Whole tab (every command)</source>
        <translation>&amp;Ganzer Tab (alle Befehle)</translation>
    </message>
    <message>
        <source>Selected &amp;command</source>
        <translation>Ausgewählter &amp;Befehl</translation>
    </message>
    <message>
        <source>Selected &amp;command: %1</source>
        <translation>Ausgewählter &amp;Befehl: %1</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>&amp;Plain text</source>
        <translation>&amp;Nur Text</translation>
    </message>
    <message>
        <source>&amp;Raw bytes (ANSI escape codes kept)</source>
        <translation>&amp;Rohe Bytes (ANSI-Escape-Codes bleiben erhalten)</translation>
    </message>
    <message>
        <source>&amp;HTML with colours</source>
        <translation>&amp;HTML mit Farben</translation>
    </message>
    <message>
        <source>The transcript file is not available (%1): only the lines still shown are saved.</source>
        <translation>Die Mitschriftdatei ist nicht verfügbar (%1): Nur die noch angezeigten Zeilen werden gespeichert.</translation>
    </message>
    <message>
        <source>no transcript file</source>
        <translation>keine Mitschriftdatei</translation>
    </message>
    <message>
        <source>&amp;Save…</source>
        <translation>&amp;Speichern…</translation>
    </message>
    <message>
        <source>Text files (*.txt);;All files (*)</source>
        <translation>Textdateien (*.txt);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Terminal output with ANSI codes (*.ansi *.log);;All files (*)</source>
        <translation>Terminalausgabe mit ANSI-Codes (*.ansi *.log);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>HTML files (*.html *.htm);;All files (*)</source>
        <translation>HTML-Dateien (*.html *.htm);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Saving to %1…</source>
        <translation>Wird in %1 gespeichert…</translation>
    </message>
    <message>
        <source>Could not save the transcript to %1: %2</source>
        <translation>Die Mitschrift konnte nicht in %1 gespeichert werden: %2</translation>
    </message>
    <message>
        <source>Presenter mode is on, but a saved transcript is the record: it holds the output unmasked, env values included.</source>
        <translation>Der Präsentationsmodus ist an, aber ein gespeichertes Protokoll ist die Aufzeichnung: Es enthält die Ausgabe unmaskiert, einschließlich der Umgebungswerte.</translation>
    </message>
</context>
<context>
    <name>sandbox::TranscriptViewActions</name>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Kopieren</translation>
    </message>
    <message>
        <source>Copy with C&amp;olours</source>
        <translation>Mit &amp;Farben kopieren</translation>
    </message>
    <message>
        <source>Select &amp;All</source>
        <translation>&amp;Alles auswählen</translation>
    </message>
    <message>
        <source>C&amp;lear</source>
        <translation>&amp;Leeren</translation>
    </message>
    <message>
        <source>&amp;Save Transcript…</source>
        <translation>Mitschrift &amp;speichern…</translation>
    </message>
    <message>
        <source>&amp;Open Transcript File…</source>
        <translation>Mitschriftdatei ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>&amp;Previous Command</source>
        <translation>&amp;Vorheriger Befehl</translation>
    </message>
    <message>
        <source>&amp;Next Command</source>
        <translation>&amp;Nächster Befehl</translation>
    </message>
</context>
</TS>
