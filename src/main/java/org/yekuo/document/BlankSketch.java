package org.yekuo.document;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import javax.imageio.ImageIO;

/**
 * A blank sheet with a faint grid, for a route sketch drawn on site when there is nothing worth photographing (R-COL-1):
 * the grid gives the surveyor a sense of scale; the route and labels go over it as marks like on any photo.
 */
final class BlankSketch {

    static final int WIDTH = 1200;
    static final int HEIGHT = 900;
    private static final int GRID = 50;

    private BlankSketch() {
    }

    static byte[] png() {
        BufferedImage sheet = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sheet.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            for (int at = GRID; at < Math.max(WIDTH, HEIGHT); at += GRID) {
                boolean major = at % (GRID * 4) == 0;
                g.setColor(major ? new Color(200, 210, 225) : new Color(232, 237, 244));
                g.setStroke(new BasicStroke(major ? 2 : 1));
                g.drawLine(at, 0, at, HEIGHT);
                g.drawLine(0, at, WIDTH, at);
            }
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(sheet, "png", png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return png.toByteArray();
    }
}
