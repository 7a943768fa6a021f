package org.woolly.postmaster;

import org.woolly.utils.error.LogDestination;
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
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The logging collector ({@code syslogger.c}), the thread {@code woolly: logger}: backends hand
 * it formatted lines through a bounded queue and go on; it writes them to
 * {@code log_directory/log_filename} (strftime escapes, in UTC) and, for csvlog and jsonlog, to
 * the same name with {@code .csv} and {@code .json}; it rotates when {@code log_rotation_age} has passed (at multiples of
 * it) or the file reached {@code log_rotation_size}, truncating a reused name on a time-based
 * rotation when {@code log_truncate_on_rotation} is on; it keeps {@code current_logfiles} in
 * the data directory up to date. A backend waits only when the queue (64k lines) is full, so no
 * line is lost. A write that fails (full disk, directory gone) is reported once on stderr and
 * the collector goes on: the server never stops for its log.
 */
final class SysLogger implements ServerLog.Sink {
    private static final int QUEUE_LINES = 65_536;
    private static final Line STOP = new Line(LogDestination.STDERR, "");

    private record Line(LogDestination destination, String text) {}

    /** The settings the collector reads; replaced as a whole on reload. */
    record Settings(Path directory, String filenamePattern, long rotationAgeMillis, long rotationSizeBytes,
                    boolean truncateOnRotation, Set<LogDestination> destinations) {
        static Settings from(Path dataDirectory, ServerConfiguration configuration) {
            String destinations = configuration.getString("log_destination").toLowerCase(Locale.ROOT);
            return new Settings(dataDirectory.resolve(configuration.getString("log_directory")),
                    configuration.getString("log_filename"),
                    TimeUnit.MINUTES.toMillis(configuration.getInt("log_rotation_age")),
                    configuration.getInt("log_rotation_size") * 1024L,
                    configuration.getBoolean("log_truncate_on_rotation"), destinations(destinations));
        }

        /** The formats log_destination names; the stderr file is written in any case (what the collector captures). */
        private static Set<LogDestination> destinations(String words) {
            Set<LogDestination> set = EnumSet.noneOf(LogDestination.class);
            for (String word : words.split(",")) {
                LogDestination destination = LogDestination.byWord(word.trim());
                if (destination != null) {
                    set.add(destination);
                }
            }
            return set;
        }
    }

    private final Path dataDirectory;
    private final BlockingQueue<Line> queue = new ArrayBlockingQueue<>(QUEUE_LINES);
    private volatile Settings settings;
    private volatile boolean rotationRequested;
    private Thread thread;
    /** The open files by format; the logger thread's own. */
    private final Map<LogDestination, LogFile> files = new EnumMap<>(LogDestination.class);
    /** What current_logfiles says, for pg_current_logfile from any thread. */
    private volatile Map<LogDestination, String> currentNames = Map.of();
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
    public void write(LogDestination destination, String text) {
        Thread current = thread;
        if (current == null || !current.isAlive()) {
            System.err.println(text);
            return;
        }
        try {
            queue.put(new Line(destination, text));
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
                || !old.destinations().equals(newSettings.destinations())) {
            rotationRequested = true;
        }
        queue.offer(new Line(LogDestination.STDERR, null));
    }

    /** {@code pg_rotate_logfile()}: new files at the next line. */
    @Override
    public void rotate() {
        rotationRequested = true;
        queue.offer(new Line(LogDestination.STDERR, null));
    }

    @Override
    public String currentFile(LogDestination destination) {
        return currentNames.get(destination);
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
        LogFile target = files.getOrDefault(line.destination(), files.get(LogDestination.STDERR));
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
        for (LogFile file : files.values()) {
            if (file.size >= limit) {
                rotate(now, false);
                return;
            }
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
        LogFile stderrFile = files.get(LogDestination.STDERR);
        String previous = stderrFile == null ? null : stderrFile.path.getFileName().toString();
        boolean truncate = timeBased && current.truncateOnRotation() && previous != null && !previous.equals(name);
        files.clear();
        for (LogDestination destination : LogDestination.values()) {
            if (destination == LogDestination.STDERR || current.destinations().contains(destination)) {
                files.put(destination, LogFile.open(current.directory().resolve(destination.fileName(name)), truncate));
            }
        }
        long age = current.rotationAgeMillis();
        nextRotationMillis = age > 0 ? (now / age + 1) * age : 0;
        writeCurrentLogfiles();
        failureReported = false;
    }

    /**
     * {@code current_logfiles}: one line per format log_destination names with the file in use,
     * relative to the data directory (stderr's file is written in any case but listed only if named).
     */
    private void writeCurrentLogfiles() {
        StringBuilder content = new StringBuilder();
        Map<LogDestination, String> names = new EnumMap<>(LogDestination.class);
        files.forEach((destination, file) -> {
            if (destination != LogDestination.STDERR || settings.destinations().contains(destination)) {
                names.put(destination, relative(file.path));
                content.append(destination.word()).append(' ').append(relative(file.path)).append('\n');
            }
        });
        currentNames = Map.copyOf(names);
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
        for (LogFile file : files.values()) {
            try {
                file.stream.flush();
            } catch (IOException e) {
                reportFailureOnce("could not write to log file: " + e.getMessage());
            }
        }
    }

    private void closeFiles() {
        files.values().forEach(LogFile::close);
    }

    private void reportFailureOnce(String message) {
        if (!failureReported) {
            failureReported = true;
            System.err.println(message);
        }
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
