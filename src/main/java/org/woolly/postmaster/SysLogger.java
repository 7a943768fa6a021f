package org.woolly.postmaster;

import org.woolly.utils.error.ServerLog;
import org.woolly.utils.guc.ServerConfiguration;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The logging collector ({@code syslogger.c}), the thread {@code woolly: logger}: backends hand
 * it formatted lines through a bounded queue and go on; it writes them to
 * {@code log_directory/log_filename} (strftime escapes, in UTC) and, for csvlog, to the same
 * name with {@code .csv}; it rotates when {@code log_rotation_age} has passed (at multiples of
 * it) or the file reached {@code log_rotation_size}, truncating a reused name on a time-based
 * rotation when {@code log_truncate_on_rotation} is on; it keeps {@code current_logfiles} in
 * the data directory up to date. A backend waits only when the queue (64k lines) is full, so no
 * line is lost. A write that fails (full disk, directory gone) is reported once on stderr and
 * the collector goes on: the server never stops for its log.
 */
final class SysLogger implements ServerLog.Sink {
    private static final int QUEUE_LINES = 65_536;
    private static final Line STOP = new Line(false, "");

    private record Line(boolean csv, String text) {}

    /** The settings the collector reads; replaced as a whole on reload. */
    record Settings(Path directory, String filenamePattern, long rotationAgeMillis, long rotationSizeBytes,
                    boolean truncateOnRotation, boolean csvlog) {
        static Settings from(Path dataDirectory, ServerConfiguration configuration) {
            String destinations = configuration.getString("log_destination").toLowerCase(Locale.ROOT);
            return new Settings(dataDirectory.resolve(configuration.getString("log_directory")),
                    configuration.getString("log_filename"),
                    TimeUnit.MINUTES.toMillis(configuration.getInt("log_rotation_age")),
                    configuration.getInt("log_rotation_size") * 1024L,
                    configuration.getBoolean("log_truncate_on_rotation"), destinations.contains("csvlog"));
        }
    }

    private final Path dataDirectory;
    private final BlockingQueue<Line> queue = new ArrayBlockingQueue<>(QUEUE_LINES);
    private volatile Settings settings;
    private volatile boolean rotationRequested;
    private Thread thread;
    private LogFile stderrFile;
    private LogFile csvFile;
    private long nextRotationMillis;
    private boolean failureReported;

    SysLogger(Path dataDirectory, Settings settings) {
        this.dataDirectory = dataDirectory;
        this.settings = settings;
    }

    /** Opens the first files and starts the thread; lines go here from now on. */
    SysLogger start() throws IOException {
        Files.createDirectories(settings.directory());
        openFiles(System.currentTimeMillis(), false);
        thread = Thread.ofPlatform().daemon().name("woolly: logger").start(this::run);
        return this;
    }

    @Override
    public void write(boolean csv, String text) {
        Thread current = thread;
        if (current == null || !current.isAlive()) {
            System.err.println(text);
            return;
        }
        try {
            queue.put(new Line(csv, text));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            System.err.println(text);
        }
    }

    /** New settings after a reload: a changed directory or name pattern takes effect at once, as in PostgreSQL. */
    void reconfigure(Settings newSettings) {
        Settings old = settings;
        settings = newSettings;
        if (!old.directory().equals(newSettings.directory())
                || !old.filenamePattern().equals(newSettings.filenamePattern())
                || old.csvlog() != newSettings.csvlog()) {
            rotationRequested = true;
        }
        queue.offer(new Line(false, null));
    }

    /** {@code pg_rotate_logfile()}: a new file at the next line. */
    void requestRotation() {
        rotationRequested = true;
        queue.offer(new Line(false, null));
    }

    /** Writes what is queued, closes the files and ends the thread. */
    void stop() {
        Thread current = thread;
        if (current == null) {
            return;
        }
        try {
            queue.put(STOP);
            current.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        thread = null;
    }

    private void run() {
        try {
            while (true) {
                long wait = Math.max(1, nextRotationMillis - System.currentTimeMillis());
                Line line = nextRotationMillis > 0 ? queue.poll(wait, TimeUnit.MILLISECONDS) : queue.take();
                if (line == STOP) {
                    break;
                }
                long now = System.currentTimeMillis();
                if (nextRotationMillis > 0 && now >= nextRotationMillis) {
                    rotate(now, true);
                } else if (rotationRequested) {
                    rotationRequested = false;
                    rotate(now, false);
                }
                if (line != null && line.text() != null) {
                    append(line);
                    rotateBySize(now);
                }
                if (queue.isEmpty()) {
                    flushFiles();
                }
            }
            while (true) {
                Line left = queue.poll();
                if (left == null) {
                    break;
                }
                if (left.text() != null && left != STOP) {
                    append(left);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeFiles();
        }
    }

    private void append(Line line) {
        LogFile target = line.csv() && csvFile != null ? csvFile : stderrFile;
        if (target == null) {
            System.err.println(line.text());
            return;
        }
        try {
            target.write(line.text());
        } catch (IOException e) {
            reportFailureOnce("could not write to log file: " + e.getMessage());
        }
    }

    private void rotateBySize(long now) {
        long limit = settings.rotationSizeBytes();
        if (limit <= 0) {
            return;
        }
        if (stderrFile != null && stderrFile.size >= limit || csvFile != null && csvFile.size >= limit) {
            rotate(now, false);
        }
    }

    private void rotate(long now, boolean timeBased) {
        closeFiles();
        try {
            Files.createDirectories(settings.directory());
            openFiles(now, timeBased);
        } catch (IOException e) {
            reportFailureOnce("could not open log file: " + e.getMessage());
        }
    }

    private void openFiles(long now, boolean timeBased) throws IOException {
        Settings current = settings;
        String name = strftime(current.filenamePattern(), Instant.ofEpochMilli(now));
        String previous = stderrFile == null ? null : stderrFile.path.getFileName().toString();
        boolean truncate = timeBased && current.truncateOnRotation() && previous != null && !previous.equals(name);
        stderrFile = LogFile.open(current.directory().resolve(name), truncate);
        csvFile = current.csvlog() ? LogFile.open(current.directory().resolve(csvName(name)), truncate) : null;
        long age = current.rotationAgeMillis();
        nextRotationMillis = age > 0 ? (now / age + 1) * age : 0;
        writeCurrentLogfiles();
        failureReported = false;
    }

    /** {@code current_logfiles}: one line per destination with the file in use, relative to the data directory. */
    private void writeCurrentLogfiles() {
        StringBuilder content = new StringBuilder();
        content.append("stderr ").append(relative(stderrFile.path)).append('\n');
        if (csvFile != null) {
            content.append("csvlog ").append(relative(csvFile.path)).append('\n');
        }
        try {
            Path temporary = dataDirectory.resolve("current_logfiles.tmp");
            Files.writeString(temporary, content, StandardCharsets.UTF_8);
            Files.move(temporary, dataDirectory.resolve("current_logfiles"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            reportFailureOnce("could not write file \"current_logfiles\": " + e.getMessage());
        }
    }

    private String relative(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        return absolute.startsWith(dataDirectory) ? dataDirectory.relativize(absolute).toString() : absolute.toString();
    }

    private void flushFiles() {
        for (LogFile file : new LogFile[] {stderrFile, csvFile}) {
            if (file != null) {
                try {
                    file.stream.flush();
                } catch (IOException e) {
                    reportFailureOnce("could not write to log file: " + e.getMessage());
                }
            }
        }
    }

    private void closeFiles() {
        for (LogFile file : new LogFile[] {stderrFile, csvFile}) {
            if (file != null) {
                file.close();
            }
        }
    }

    private void reportFailureOnce(String message) {
        if (!failureReported) {
            failureReported = true;
            System.err.println(message);
        }
    }

    /** The csvlog file's name: {@code .log} replaced by {@code .csv}, else {@code .csv} appended ({@code logfile_getname}). */
    static String csvName(String name) {
        return name.endsWith(".log") ? name.substring(0, name.length() - 4) + ".csv" : name + ".csv";
    }

    /** {@code log_filename}'s strftime escapes (in UTC): %Y %y %m %d %H %M %S %j %a %A %b %B %p %s %%. */
    static String strftime(String pattern, Instant time) {
        ZonedDateTime t = time.atZone(ZoneOffset.UTC);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c != '%' || i + 1 == pattern.length()) {
                out.append(c);
                continue;
            }
            char escape = pattern.charAt(++i);
            switch (escape) {
                case 'Y' -> out.append(t.getYear());
                case 'y' -> out.append(String.format("%02d", t.getYear() % 100));
                case 'm' -> out.append(String.format("%02d", t.getMonthValue()));
                case 'd' -> out.append(String.format("%02d", t.getDayOfMonth()));
                case 'H' -> out.append(String.format("%02d", t.getHour()));
                case 'M' -> out.append(String.format("%02d", t.getMinute()));
                case 'S' -> out.append(String.format("%02d", t.getSecond()));
                case 'j' -> out.append(String.format("%03d", t.getDayOfYear()));
                case 'a' -> out.append(t.getDayOfWeek().getDisplayName(java.time.format.TextStyle.SHORT, Locale.ROOT));
                case 'A' -> out.append(t.getDayOfWeek().getDisplayName(java.time.format.TextStyle.FULL, Locale.ROOT));
                case 'b' -> out.append(t.getMonth().getDisplayName(java.time.format.TextStyle.SHORT, Locale.ROOT));
                case 'B' -> out.append(t.getMonth().getDisplayName(java.time.format.TextStyle.FULL, Locale.ROOT));
                case 'p' -> out.append(t.getHour() < 12 ? "AM" : "PM");
                case 's' -> out.append(time.getEpochSecond());
                case '%' -> out.append('%');
                default -> out.append('%').append(escape);
            }
        }
        return out.toString();
    }

    /** One open log file and the bytes written to it. */
    private static final class LogFile {
        final Path path;
        final OutputStream stream;
        long size;

        private LogFile(Path path, OutputStream stream, long size) {
            this.path = path;
            this.stream = stream;
            this.size = size;
        }

        static LogFile open(Path path, boolean truncate) throws IOException {
            OutputStream stream = new java.io.BufferedOutputStream(Files.newOutputStream(path,
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    truncate ? StandardOpenOption.TRUNCATE_EXISTING : StandardOpenOption.APPEND), 65536);
            return new LogFile(path, stream, Files.size(path));
        }

        void write(String text) throws IOException {
            byte[] bytes = (text + "\n").getBytes(StandardCharsets.UTF_8);
            stream.write(bytes);
            size += bytes.length;
        }

        void close() {
            try {
                stream.close();
            } catch (IOException ignored) {
                // nothing more can be written anyway
            }
        }
    }
}
